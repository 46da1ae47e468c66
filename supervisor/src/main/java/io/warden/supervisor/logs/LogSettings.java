package io.warden.supervisor.logs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.warden.config.DataSize;

/**
 * A service's log rotation: the log file is rotated when it reaches {@code maxSize}, and
 * {@code keep} rotated files are kept beside the current one.
 *
 * @param maxSize the size at which the log is rotated; default 10MB
 * @param keep    how many rotated files are kept; default 5
 */
public record LogSettings(DataSize maxSize, int keep) {

    private static final DataSize DEFAULT_MAX_SIZE = DataSize.ofMegabytes(10);

    /** 10MB, 5 files. */
    public static final LogSettings DEFAULT = new LogSettings(DataSize.ofMegabytes(10), 5);

    public LogSettings {
        if (maxSize == null) {
            maxSize = DEFAULT_MAX_SIZE;
        }
        if (maxSize.bytes() < 100) {
            throw new IllegalArgumentException("maxSize must be at least 100B, was " + maxSize);
        }
        if (keep < 0 || keep > 1000) {
            throw new IllegalArgumentException("keep must be 0..1000, was " + keep);
        }
    }

    /** The config form: keys left out take their defaults. */
    @JsonCreator
    static LogSettings fromConfig(@JsonProperty("maxSize") DataSize maxSize, @JsonProperty("keep") Integer keep) {
        return new LogSettings(maxSize, keep == null ? 5 : keep);
    }
}
