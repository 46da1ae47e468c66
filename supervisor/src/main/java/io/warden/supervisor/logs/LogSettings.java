package io.warden.supervisor.logs;

import io.warden.config.DataSize;

/**
 * How a service's log file is rotated: {@code logs: {maxSize: 10MB, keep: 5}} in warden.yaml.
 *
 * <p>The current file {@code NAME.log} is rotated when the next line would take it past
 * {@code maxSize}; {@code keep} rotated files ({@code NAME.log.1} .. {@code NAME.log.N}) are kept,
 * so at most {@code keep + 1} files exist.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxSize the size at which the current file is rotated; {@code null} means 10MB
 * @param keep how many rotated files are kept; zero or less means 5
 */
public record LogSettings(DataSize maxSize, int keep) {

    public LogSettings {
        if (maxSize == null) {
            maxSize = DataSize.ofMegabytes(10);
        }
        if (keep <= 0) {
            keep = 5;
        }
    }
}
