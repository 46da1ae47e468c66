/** {@code /api/v1/hosts}: the fleet registry over HTTP, and control requests forwarded to the owning agent. */
package io.warden.api.fleet;
