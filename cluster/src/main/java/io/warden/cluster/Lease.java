package io.warden.cluster;

import java.time.Duration;

/**
 * A lease row as read: who holds the service, with which epoch, and how long the lease has left
 * by the database's clock (zero or negative once it ended).
 */
record Lease(String holder, long epoch, Duration left) {

    boolean live() {
        return left.isPositive();
    }
}
