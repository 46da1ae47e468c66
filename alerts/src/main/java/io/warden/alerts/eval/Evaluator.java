package io.warden.alerts.eval;

import io.warden.alerts.metric.MetricSource;
import io.warden.alerts.metric.Reading;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Evaluates one rule at one instant into an {@link Outcome}: reads the metric (Warden's own, or
 * a scrape), applies {@code rate}/{@code increase} over the points it kept, compares with the
 * thresholds. It knows nothing of alert states, so the standing rules and the deploy watch use
 * the same evaluator. Not thread safe: one evaluator per evaluating thread (it keeps the windows).
 */
public final class Evaluator {

    private final MetricSource metrics;
    private final Scraper scraper;
    private final Map<String, CounterWindow> windows = new HashMap<>();

    public Evaluator(MetricSource metrics, Scraper scraper) {
        this.metrics = metrics;
        this.scraper = scraper;
    }

    /** The outcome of {@code rule} at {@code now}. Never throws for a failed read: that is an error outcome. */
    public Outcome evaluate(AlertRule rule, Instant now) {
        Reading reading = switch (rule.metric()) {
            case MetricExpr.Builtin builtin -> metrics.read(builtin.metric(),
                    builtin.metric().scope() == io.warden.alerts.metric.Metric.Scope.API ? rule.route()
                            : rule.service());
            case MetricExpr.Scraped scraped -> scrape(scraped, now);
        };
        return switch (reading) {
            case Reading.NoData noData -> Outcome.noData(noData.reason());
            case Reading.Failed failed -> Outcome.error(failed.reason());
            case Reading.Value value -> windowed(rule, value.value(), now);
        };
    }

    private Outcome windowed(AlertRule rule, double raw, Instant now) {
        MetricExpr expr = rule.metric();
        if (expr.fn() == MetricExpr.Fn.NONE) {
            return compare(rule, raw);
        }
        String key = expr.text() + '\u0000' + rule.service();
        CounterWindow window = windows.computeIfAbsent(key, k -> new CounterWindow(expr.window()));
        window.add(now, raw);
        if (!window.defined()) {
            return Outcome.waiting(expr.text() + " needs two points in its window; it has one so far");
        }
        return compare(rule, expr.fn() == MetricExpr.Fn.RATE ? window.rate() : window.increase());
    }

    private Reading scrape(MetricExpr.Scraped expr, Instant now) {
        Scraper.Result result = scraper.fetch(expr.url(), now);
        if (result.error() != null) {
            return Reading.failed(result.error());
        }
        double sum = Exposition.sum(result.samples(), expr.selector());
        return Double.isNaN(sum) ? Reading.noData("no series matches " + expr.selector() + " at " + expr.url())
                : Reading.value(sum);
    }

    /** Compares a value with the rule's thresholds, critical first. */
    static Outcome compare(AlertRule rule, double value) {
        if (Double.isNaN(value)) {
            return Outcome.noData("the value is NaN");
        }
        if (rule.critical() != null && rule.op().holds(value, rule.critical())) {
            return new Outcome(Outcome.Kind.BREACH, value, "critical", rule.critical(), "");
        }
        if (rule.warning() != null && rule.op().holds(value, rule.warning())) {
            return new Outcome(Outcome.Kind.BREACH, value, "warning", rule.warning(), "");
        }
        double nearest = rule.warning() != null ? rule.warning() : rule.critical();
        return new Outcome(Outcome.Kind.OK, value, null, nearest, "");
    }
}
