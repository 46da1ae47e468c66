package io.warden.deploy.watch;

import io.warden.alerts.eval.Outcome;
import io.warden.deploy.InconclusivePolicy;
import io.warden.deploy.UpdateSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The watch's decisions, pure: fed one round of outcomes at a time, it says when to roll back or
 * pause, and at the end of the window whether to promote. A round fails on a warning breach or an
 * unhealthy service; a critical breach (or a failed service) rolls back at once; failureLimit
 * failed rounds roll back. A round with no data or a read error (and no breach) is inconclusive:
 * under {@code fail} it counts as failed, and consecutiveErrorLimit of them in a row end the watch
 * (rolled back under {@code fail}, paused under {@code pause}). A window in which some threshold was
 * never measured is inconclusive, not a pass. {@code waiting} (a rate window still filling) counts
 * for nothing. Not thread safe: one per watch.
 */
final class Analysis {

    /** One rule's outcome in a round. */
    record Evaluated(WatchRule rule, Outcome outcome) {
    }

    private final UpdateSettings settings;
    private final List<String> incidents = new ArrayList<>();
    private final Set<String> measured = new HashSet<>();
    private int rounds;
    private int failures;
    private int inconclusive;
    private int inARow;

    Analysis(UpdateSettings settings) {
        this.settings = settings;
    }

    /** Judges one round; a result when the watch ends now. {@code unhealthy} is null while the service is fine. */
    Optional<WatchResult> round(List<Evaluated> outcomes, String unhealthy, boolean serviceFailed) {
        rounds++;
        if (serviceFailed) {
            return end(WatchResult.Action.ROLL_BACK, Verdict.FAILED, "the service failed during the watch: " + unhealthy);
        }
        String warning = null;
        String unclear = null;
        for (Evaluated e : outcomes) {
            Outcome o = e.outcome();
            switch (o.kind()) {
                case BREACH -> {
                    measured.add(e.rule().name());
                    String what = describe(e);
                    if ("critical".equals(o.severity())) {
                        return end(WatchResult.Action.ROLL_BACK, Verdict.FAILED, what);
                    }
                    warning = warning == null ? what : warning + "; " + what;
                }
                case OK -> measured.add(e.rule().name());
                case NODATA, ERROR -> unclear = unclear == null ? e.rule().name() + ": " + reason(o)
                        : unclear + "; " + e.rule().name() + ": " + reason(o);
                case WAITING -> { }
            }
        }
        if (unhealthy != null || warning != null) {
            failures++;
            inARow = 0;
            incidents.add("round " + rounds + ": " + (warning != null ? warning : "unhealthy: " + unhealthy));
            return failures >= settings.failureLimit() ? end(WatchResult.Action.ROLL_BACK, Verdict.FAILED,
                    failures + " failed evaluations (failureLimit " + settings.failureLimit() + "), the last: "
                            + incidents.getLast().substring(incidents.getLast().indexOf(": ") + 2)) : Optional.empty();
        }
        if (unclear == null) {
            inARow = 0;
            return Optional.empty();
        }
        inconclusive++;
        inARow++;
        String why = "inconclusive: " + unclear;
        if (settings.inconclusive() == InconclusivePolicy.FAIL) {
            failures++;
            if (failures >= settings.failureLimit()) {
                return end(WatchResult.Action.ROLL_BACK, Verdict.INCONCLUSIVE, failures + " failed evaluations"
                        + " (failureLimit " + settings.failureLimit() + "), the last " + why);
            }
        }
        if (inARow >= settings.consecutiveErrorLimit() && settings.inconclusive() != InconclusivePolicy.IGNORE) {
            return end(settings.inconclusive() == InconclusivePolicy.FAIL ? WatchResult.Action.ROLL_BACK
                    : WatchResult.Action.PAUSE, Verdict.INCONCLUSIVE, inARow + " inconclusive evaluations in a row"
                    + " (consecutiveErrorLimit " + settings.consecutiveErrorLimit() + "), the last " + why);
        }
        return Optional.empty();
    }

    /** The verdict when the window is over. */
    WatchResult finish(List<WatchRule> rules) {
        List<String> never = rules.stream().map(WatchRule::name).filter(name -> !measured.contains(name)).toList();
        if (!never.isEmpty()) {
            return end(settings.inconclusive() == InconclusivePolicy.FAIL ? WatchResult.Action.ROLL_BACK
                    : WatchResult.Action.PAUSE, Verdict.INCONCLUSIVE, "the window ended and " + never
                    + " never gave a value in " + rounds + " evaluations; not promoted").orElseThrow();
        }
        return new WatchResult(WatchResult.Action.PROMOTE, Verdict.SUCCESSFUL, rounds + " evaluations, "
                + failures + " failed (failureLimit " + settings.failureLimit() + "), " + inconclusive
                + " inconclusive", incidents);
    }

    int rounds() {
        return rounds;
    }

    int failures() {
        return failures;
    }

    int inconclusive() {
        return inconclusive;
    }

    private Optional<WatchResult> end(WatchResult.Action action, Verdict verdict, String reason) {
        return Optional.of(new WatchResult(action, verdict, reason, incidents));
    }

    static String describe(Evaluated e) {
        Outcome o = e.outcome();
        return "threshold '" + e.rule().name() + "' " + o.severity() + ": value " + number(o.value()) + " "
                + e.rule().rule().op() + " " + number(o.threshold());
    }

    private static String reason(Outcome o) {
        return o.kind().name().toLowerCase(java.util.Locale.ROOT) + (o.reason().isEmpty() ? "" : " (" + o.reason() + ")");
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.4g", value);
    }
}
