package io.warden.supervisor.identity;

import java.time.Instant;

/**
 * Which code a service's process runs, as recorded when it started, and whether the files on
 * disk have changed since.
 *
 * @param commit       the commit checked out in its workdir, null when it is no git checkout
 * @param dirty        whether tracked files differed from that commit; null when unknown (no
 *                     checkout, no git program)
 * @param newest       the newest modification of its code files at the start, null when none
 * @param newestPath   that file, relative to the workdir
 * @param recordedAt   when this was recorded
 * @param processStart the start of the process it describes
 * @param stale        true when a code file is newer than the process: it serves older code
 * @param staleBy      the newer file, null when not stale
 */
public record CodeStamp(String commit, Boolean dirty, Instant newest, String newestPath, Instant recordedAt,
                        Instant processStart, boolean stale, String staleBy) {

    /** {@code a1b2c3d4e5f6 (dirty)}, or {@code no git}; then the newest file's time. */
    public String summary() {
        String code = commit == null ? "no git" : commit.substring(0, Math.min(12, commit.length()))
                + (Boolean.TRUE.equals(dirty) ? "+dirty" : "");
        return code + (newest == null ? "" : ", files " + newest.toString().replaceFirst("\\.\\d+Z$", "Z"));
    }

    CodeStamp markedStale(String by) {
        return new CodeStamp(commit, dirty, newest, newestPath, recordedAt, processStart, by != null, by);
    }
}
