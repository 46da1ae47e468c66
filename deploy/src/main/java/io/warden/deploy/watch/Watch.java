package io.warden.deploy.watch;

import io.warden.alerts.eval.Evaluator;
import io.warden.alerts.eval.Outcome;
import io.warden.alerts.eval.Scraper;
import io.warden.alerts.rule.MetricExpr;
import io.warden.deploy.Sleeper;
import io.warden.deploy.UpdateSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Watches a deployed version for its window: every interval each rule is evaluated by the alerts
 * {@link Evaluator} and the service's health is read; {@link Analysis} decides. Publishes a
 * {@link Progress} after each round and reports warning breaches as they happen. Runs on the
 * deploy's thread; time comes from the injected clock and sleeper.
 */
public final class Watch {

    /** The service's health as the watch needs it, read once per round. */
    public interface Health {
        /** Null while the service runs healthy, else what is wrong. */
        String problem();

        /** Whether the service gave up (failed or exited): a rollback at once. */
        boolean failed();
    }

    private final Evaluator evaluator;
    private final Scraper scraper;
    private final List<WatchRule> rules;
    private final UpdateSettings settings;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final List<Progress.ThresholdView> latest = new ArrayList<>();

    public Watch(Evaluator evaluator, Scraper scraper, List<WatchRule> rules, UpdateSettings settings,
                 InstantSource clock, Sleeper sleeper) {
        this.evaluator = evaluator;
        this.scraper = scraper;
        this.rules = List.copyOf(rules);
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        for (WatchRule rule : this.rules) {
            latest.add(view(rule, null));
        }
    }

    /**
     * Watches from {@code from} (earlier than now when a watch resumes after a restart) to the end
     * of the window, unless a round decides first or {@code cancelled} turns true.
     *
     * @param progress hears the progress after every round
     * @param warnings hears each warning breach (an alert)
     */
    public WatchResult run(Instant from, Health health, Consumer<Progress> progress, Consumer<String> warnings,
                           BooleanSupplier cancelled) throws InterruptedException {
        Analysis analysis = new Analysis(settings);
        while (true) {
            if (cancelled.getAsBoolean()) {
                return new WatchResult(WatchResult.Action.CANCELLED, null, "watch cancelled", List.of());
            }
            Instant now = clock.instant();
            Duration elapsed = Duration.between(from, now);
            if (elapsed.compareTo(settings.window()) >= 0) {
                return publish(analysis.finish(rules), analysis, settings.window(), progress);
            }
            List<Analysis.Evaluated> round = evaluate(now);
            String problem = health.problem();
            Optional<WatchResult> decided = analysis.round(round, problem, health.failed());
            round.stream().filter(e -> e.outcome().kind() == Outcome.Kind.BREACH
                            && "warning".equals(e.outcome().severity()))
                    .forEach(e -> warnings.accept(Analysis.describe(e)));
            if (decided.isPresent()) {
                return publish(decided.get(), analysis, elapsed, progress);
            }
            progress.accept(new Progress(elapsed, settings.window(), latest, analysis.rounds(), analysis.failures(),
                    analysis.inconclusive(), null, problem == null ? "" : "unhealthy: " + problem));
            Duration left = settings.window().minus(elapsed);
            sleeper.sleep(left.compareTo(settings.interval()) < 0 ? left : settings.interval());
        }
    }

    private WatchResult publish(WatchResult result, Analysis analysis, Duration elapsed, Consumer<Progress> progress) {
        progress.accept(new Progress(elapsed, settings.window(), latest, analysis.rounds(), analysis.failures(),
                analysis.inconclusive(), result.verdict(), result.reason()));
        return result;
    }

    private List<Analysis.Evaluated> evaluate(Instant now) {
        Set<URI> targets = new LinkedHashSet<>();
        for (WatchRule rule : rules) {
            if (rule.rule() != null && rule.rule().metric() instanceof MetricExpr.Scraped scraped) {
                targets.add(scraped.url());
            }
        }
        scraper.prefetch(targets, now);
        List<Analysis.Evaluated> round = new ArrayList<>(rules.size());
        for (int i = 0; i < rules.size(); i++) {
            WatchRule rule = rules.get(i);
            Outcome outcome = rule.rule() == null
                    ? new Outcome(Outcome.Kind.ERROR, Double.NaN, null, Double.NaN, rule.unreadable())
                    : evaluator.evaluate(rule.rule(), now);
            round.add(new Analysis.Evaluated(rule, outcome));
            latest.set(i, view(rule, outcome));
        }
        return round;
    }

    private static Progress.ThresholdView view(WatchRule rule, Outcome outcome) {
        var alert = rule.rule();
        String kind = outcome == null ? "pending" : outcome.kind().name().toLowerCase(java.util.Locale.ROOT);
        String note = outcome == null ? "" : outcome.severity() != null ? outcome.severity() : outcome.reason();
        Double value = outcome == null || Double.isNaN(outcome.value()) ? null : outcome.value();
        return new Progress.ThresholdView(rule.name(), alert == null ? null : alert.op().symbol(),
                alert == null ? null : alert.warning(), alert == null ? null : alert.critical(), value, kind,
                outcome == null && rule.unreadable() != null ? rule.unreadable() : note);
    }
}
