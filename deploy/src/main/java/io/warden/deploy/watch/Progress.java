package io.warden.deploy.watch;

import java.time.Duration;
import java.util.List;

/**
 * Where a watch stands, for {@code warden deploy status}: elapsed of the window, each threshold's
 * latest value against its warning and critical, the counts and the verdict once there is one.
 *
 * @param elapsed      time watched so far
 * @param window       the whole window
 * @param thresholds   each threshold's latest evaluation
 * @param rounds       evaluations done
 * @param failures     failed evaluations, of failureLimit
 * @param inconclusive inconclusive evaluations
 * @param verdict      null while the watch runs
 * @param reason       why the verdict, or the latest round's news
 */
public record Progress(Duration elapsed, Duration window, List<ThresholdView> thresholds, int rounds, int failures,
                       int inconclusive, Verdict verdict, String reason) {

    public Progress {
        thresholds = List.copyOf(thresholds);
    }

    /**
     * One threshold's latest evaluation.
     *
     * @param name     the metric as written
     * @param op       the comparison
     * @param warning  the warning threshold, null for none
     * @param critical the critical threshold, null for none
     * @param value    the latest value, null when there is none
     * @param outcome  {@code ok}, {@code breach}, {@code nodata}, {@code error}, {@code waiting}, or {@code pending}
     * @param note     the severity breached, or why there is no value
     */
    public record ThresholdView(String name, String op, Double warning, Double critical, Double value, String outcome,
                                String note) {
    }
}
