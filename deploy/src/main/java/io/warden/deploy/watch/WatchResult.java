package io.warden.deploy.watch;

import java.util.List;

/**
 * How a watch ended.
 *
 * @param action    what the deploy does next
 * @param verdict   the verdict
 * @param reason    the threshold, the value and the limit that decided, in a sentence
 * @param incidents warning breaches and unhealthy rounds seen, for the retrospective
 */
public record WatchResult(Action action, Verdict verdict, String reason, List<String> incidents) {

    /** What the deploy does next. */
    public enum Action { PROMOTE, ROLL_BACK, PAUSE, CANCELLED }

    public WatchResult {
        incidents = List.copyOf(incidents);
    }
}
