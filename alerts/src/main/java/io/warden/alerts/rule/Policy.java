package io.warden.alerts.rule;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a rule does when its metric has no data, or cannot be read: {@code alert} (the alert
 * goes to state {@code nodata} / {@code error}, which notifies like firing), {@code ok} (as if
 * the condition did not hold) or {@code keep} (the state stays as it was). Never a silent pass
 * by default: both default to {@code alert}.
 */
public enum Policy {
    ALERT, OK, KEEP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return wireName();
    }
}
