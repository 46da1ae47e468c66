package io.warden.supervisor.restart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the restart decision needs to know about a service's past: when it was started recently
 * (for the start limit) and how many quick failures in a row preceded the current run (for the
 * backoff exponent).
 *
 * @param starts recent start instants, oldest first
 * @param streak restarts in a row whose run lasted less than {@code resetAfter}
 */
public record RunHistory(List<Instant> starts, int streak) {

    /** A service that has not run yet, or was started by hand (which clears its history). */
    public static final RunHistory EMPTY = new RunHistory(List.of(), 0);

    /** Starts older than this many are never needed: the start limit's burst is small. */
    private static final int MAX_STARTS = 1000;

    public RunHistory {
        starts = List.copyOf(starts.size() > MAX_STARTS ? starts.subList(starts.size() - MAX_STARTS, starts.size())
                : starts);
        if (streak < 0) {
            throw new IllegalArgumentException("streak cannot be negative");
        }
    }

    /** This history with one more start. */
    public RunHistory started(Instant at) {
        List<Instant> more = new ArrayList<>(starts);
        more.add(at);
        return new RunHistory(more, streak);
    }

    /** How many starts were after {@code instant} (counted from the newest: the starts are in order). */
    public int countAfter(Instant instant) {
        int count = 0;
        for (int i = starts.size() - 1; i >= 0 && starts.get(i).isAfter(instant); i--) {
            count++;
        }
        return count;
    }

    /** This history without the starts at or before {@code instant}. */
    public RunHistory after(Instant instant) {
        int first = 0;
        while (first < starts.size() && !starts.get(first).isAfter(instant)) {
            first++;
        }
        return first == 0 ? this : new RunHistory(starts.subList(first, starts.size()), streak);
    }

    /** This history with another streak. */
    public RunHistory withStreak(int newStreak) {
        return new RunHistory(starts, newStreak);
    }
}
