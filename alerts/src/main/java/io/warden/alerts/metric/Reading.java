package io.warden.alerts.metric;

import java.util.Objects;

/**
 * What reading one metric gave: a value, no data (nothing to read, which is not "fine"), or an
 * error (the source failed). Rules decide what no data and errors mean.
 */
public sealed interface Reading {

    /** A number was read. */
    record Value(double value) implements Reading {
    }

    /** Nothing to read: the service does not run, no series matched, no traffic. */
    record NoData(String reason) implements Reading {
        public NoData {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Reading failed: scrape refused or timed out, unreadable answer. */
    record Failed(String reason) implements Reading {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Reading value(double value) {
        return Double.isNaN(value) ? new NoData("the value is NaN") : new Value(value);
    }

    static Reading noData(String reason) {
        return new NoData(reason);
    }

    static Reading failed(String reason) {
        return new Failed(reason);
    }
}
