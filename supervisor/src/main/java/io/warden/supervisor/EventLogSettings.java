package io.warden.supervisor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.warden.config.DataSize;

/**
 * {@code events} in {@code warden.yaml}: {@code events.log} is rotated by size like a service log.
 *
 * @param maxSize the size at which {@code events.log} is rotated; default 10MB, at least 1KB
 * @param keep    how many rotated files ({@code events.log.1} ..) are kept; default 3, 1..1000
 */
public record EventLogSettings(DataSize maxSize, int keep) {

    private static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMegabytes(10);
    private static final int DEFAULT_KEEP = 3;

    /** 10MB, 3 rotated files. */
    public static final EventLogSettings DEFAULT = new EventLogSettings(DEFAULT_MAX_SIZE, DEFAULT_KEEP);

    public EventLogSettings {
        if (maxSize == null) {
            maxSize = DEFAULT_MAX_SIZE;
        }
        if (maxSize.bytes() < 1024) {
            throw new IllegalArgumentException("maxSize must be at least 1KB, was " + maxSize);
        }
        // At least one rotated file: with none, a rotation would drop every event written so far.
        if (keep < 1 || keep > 1000) {
            throw new IllegalArgumentException("keep must be 1..1000, was " + keep);
        }
    }

    /** The config form: keys left out take their defaults. */
    @JsonCreator
    static EventLogSettings fromConfig(@JsonProperty("maxSize") DataSize maxSize, @JsonProperty("keep") Integer keep) {
        return new EventLogSettings(maxSize, keep == null ? DEFAULT_KEEP : keep);
    }
}
