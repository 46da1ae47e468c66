/**
 * The control-center API served by {@code warden up}: HTTP routes on Helidon SE. The API is a
 * thin adapter: behaviour lives in the domain modules.
 */
package io.warden.api;
