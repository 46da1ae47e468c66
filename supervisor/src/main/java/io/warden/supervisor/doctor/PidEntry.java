package io.warden.supervisor.doctor;

import io.warden.lock.PidRecord;
import java.util.Objects;

/**
 * One {@code NAME.pid} file of the state directory: its record, or why it could not be read.
 *
 * @param name    the instance name (the file name without {@code .pid})
 * @param path    the file, as a string for reports
 * @param record  what it says; null when corrupt
 * @param problem why it is corrupt; empty when the record is valid
 */
record PidEntry(String name, String path, PidRecord record, String problem) {

    PidEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        problem = Objects.requireNonNullElse(problem, "");
        if ((record == null) == problem.isEmpty()) {
            throw new IllegalArgumentException("a PID file entry has either a record or a problem, not both or none");
        }
    }

    static PidEntry valid(String name, String path, PidRecord record) {
        return new PidEntry(name, path, Objects.requireNonNull(record, "record"), "");
    }

    static PidEntry corrupt(String name, String path, String problem) {
        return new PidEntry(name, path, null, problem);
    }
}
