/**
 * The daemon's composition root: reads {@code warden.yaml} into {@link io.warden.daemon.WardenConfig},
 * takes the daemon's own instance lock and builds the graph of domain modules and the API by hand.
 */
package io.warden.daemon;
