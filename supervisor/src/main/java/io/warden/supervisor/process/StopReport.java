package io.warden.supervisor.process;

import java.util.List;

/**
 * What a tree stop did.
 *
 * @param root      the process the stop was asked for
 * @param stopped   processes that exited after the requested signal, root included
 * @param killed    processes still running at the timeout, sent KILL
 * @param remaining processes that could not be stopped at all (another user's, for example); empty
 *                  after a clean stop
 */
public record StopReport(ProcessId root, List<ProcessId> stopped, List<ProcessId> killed, List<ProcessId> remaining) {

    public StopReport {
        stopped = List.copyOf(stopped);
        killed = List.copyOf(killed);
        remaining = List.copyOf(remaining);
    }

    /** Whether nothing of the tree is left running. */
    public boolean clean() {
        return remaining.isEmpty();
    }

    /** Every process of the tree that was found, stopped or killed. */
    public int size() {
        return stopped.size() + killed.size() + remaining.size();
    }
}
