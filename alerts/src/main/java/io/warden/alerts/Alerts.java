package io.warden.alerts;

import io.warden.alerts.eval.Evaluator;
import io.warden.alerts.eval.Scraper;
import io.warden.alerts.metric.MetricSource;
import io.warden.alerts.notify.DeliveryStatus;
import io.warden.alerts.notify.Notification;
import io.warden.alerts.notify.Notifier;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.silence.LabelMatcher;
import io.warden.alerts.silence.Silence;
import io.warden.alerts.silence.Silences;
import io.warden.alerts.state.Instance;
import io.warden.alerts.state.PostedState;
import io.warden.alerts.state.StateFile;
import io.warden.alerts.state.StateMachine;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The standing alerts of a daemon: evaluates every rule each {@code interval}, keeps and
 * persists their states, notifies the receivers, applies silences. The one public entry point
 * of the module: the daemon builds it, the API and the CLI read {@link #alerts()} and manage
 * silences, events go to {@link #subscribe} listeners. Alerts raised outside the rules (a
 * deploy's) come in through {@link AlertPoster}; {@link #reconfigure} takes changed rules and
 * receivers ({@code warden apply}).
 *
 * <p>Thread safety: every public method is safe from any thread. Rounds and reconfigurations
 * never overlap (one lock); {@link #alerts()} is one volatile read.
 */
public final class Alerts implements AlertPoster, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Alerts.class.getName());

    private volatile AlertsConfig config; // replaced under round
    private volatile List<TrackedRule> tracked; // replaced under round
    /** Removed rules whose alerts stay listed as resolved for keepResolved; changed under round. */
    private final List<TrackedRule> retired = new CopyOnWriteArrayList<>();
    private final InstantSource clock;
    private final MetricSource metrics;
    private final Scraper scraper;
    private final Evaluator evaluator;
    private volatile Set<URI> targets; // replaced under round
    private final PostedAlerts posted;
    private final ReentrantLock view = new ReentrantLock(); // one snapshot published at a time
    private final StateFile stateFile;
    private final Silences silences;
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final Notifier notifier;
    private final List<Consumer<AlertEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock round = new ReentrantLock();
    private final Map<String, Instance> instances = new ConcurrentHashMap<>(); // written only in a round
    private volatile List<Alert> snapshot = List.of();
    private ScheduledExecutorService schedule; // guarded by round

    Alerts(AlertsBuilder b) {
        this.config = b.config();
        this.tracked = TrackedRule.of(b.rules());
        this.clock = b.clock();
        this.metrics = b.metrics();
        this.scraper = new Scraper(b.http(), config.scrapeTimeout());
        this.evaluator = new Evaluator(metrics, scraper);
        this.targets = TrackedRule.targets(b.rules());
        this.stateFile = new StateFile(b.stateFile());
        StateFile.Stored stored = stateFile.load();
        this.posted = new PostedAlerts(stored.posted());
        Set<String> known = Set.copyOf(tracked.stream().map(TrackedRule::fingerprint).toList());
        stored.alerts().stream().filter(i -> known.contains(i.fingerprint()))
                .forEach(i -> instances.put(i.fingerprint(), i));
        this.silences = new Silences(clock, stored.silences());
        handled.addAll(stored.handled());
        this.notifier = new Notifier(config.receivers(), b.http(), config.externalUrl(), handled, this::publish,
                this::save);
        publishSnapshot(clock.instant());
        notifyReceivers();
    }

    /** A builder over resolved rules ({@link AlertsConfig#validate} or {@link AlertsConfig#resolve}). */
    public static AlertsBuilder builder(AlertsConfig config, List<AlertRule> rules) {
        return new AlertsBuilder(config, rules);
    }

    /** Evaluates every rule every {@code interval} on a daemon thread, from now on. */
    public void start() {
        round.lock();
        try {
            if (schedule == null) {
                schedule();
            }
        } finally {
            round.unlock();
        }
    }

    private void schedule() {
        schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("warden-alerts").factory());
        long every = config.interval().toMillis();
        schedule.scheduleWithFixedDelay(this::tickLogged, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a changed {@code alerts:} section ({@code warden apply}): rules added are evaluated
     * from the next round on, a rule kept (same name, service and labels) keeps its alert's state,
     * the active alert of a removed rule is resolved (and notified so); the receivers, interval,
     * {@code keepResolved} and {@code externalUrl} are the new ones. {@code scrapeTimeout} and
     * {@code apiWindow} are read at start only.
     *
     * @param rules the new config's resolved rules ({@link AlertsConfig#validate})
     */
    public void reconfigure(AlertsConfig newConfig, List<AlertRule> rules) {
        round.lock();
        try {
            Instant now = clock.instant();
            List<TrackedRule> next = TrackedRule.of(rules);
            Set<String> kept = Set.copyOf(next.stream().map(TrackedRule::fingerprint).toList());
            retired.removeIf(t -> kept.contains(t.fingerprint()));
            List<AlertEvent.Transition> transitions = new ArrayList<>();
            for (TrackedRule t : tracked) {
                Instance prev = instances.get(t.fingerprint());
                if (kept.contains(t.fingerprint()) || prev == null) {
                    continue;
                }
                Instance after = prev.state().active() || prev.state() == AlertState.RESOLVED
                        ? new Instance(prev.fingerprint(), AlertState.RESOLVED, prev.startsAt(), prev.activeAt(),
                                prev.endsAt() != null ? prev.endsAt() : now, prev.severity(), prev.value(),
                                "its rule was removed from the config")
                        : Instance.inactive(prev.fingerprint());
                if (after.state() == AlertState.RESOLVED) {
                    instances.put(t.fingerprint(), after);
                    retired.add(t);
                } else {
                    instances.remove(t.fingerprint());
                }
                if (prev.state() != after.state()) {
                    transitions.add(new AlertEvent.Transition(now, alert(t, after, now), prev.state()));
                }
            }
            boolean newInterval = !newConfig.interval().equals(config.interval());
            config = newConfig;
            tracked = next;
            targets = TrackedRule.targets(rules);
            notifier.reconfigure(newConfig.receivers(), newConfig.externalUrl());
            if (schedule != null && newInterval) {
                schedule.shutdownNow();
                schedule();
            }
            finishChange(now, transitions);
        } finally {
            round.unlock();
        }
    }

    /** One evaluation round at the clock's instant: every rule, transitions, notifications. */
    public void tick() {
        round.lock();
        try {
            Instant now = clock.instant();
            metrics.refresh();
            scraper.prefetch(targets, now);
            List<AlertEvent.Transition> transitions = new ArrayList<>();
            Duration keepResolved = config.keepResolved();
            for (TrackedRule t : tracked) {
                Instance prev = instances.getOrDefault(t.fingerprint(), Instance.inactive(t.fingerprint()));
                Instance next = StateMachine.step(prev, t.rule(), evaluator.evaluate(t.rule(), now), now);
                if (next.state() == AlertState.RESOLVED && next.endsAt().plus(keepResolved).isBefore(now)) {
                    next = Instance.inactive(t.fingerprint());
                }
                if (next.state() == AlertState.INACTIVE) {
                    instances.remove(t.fingerprint());
                } else {
                    instances.put(t.fingerprint(), next);
                }
                if (prev.state() != next.state()) {
                    transitions.add(new AlertEvent.Transition(now, alert(t, next, now), prev.state()));
                }
            }
            for (TrackedRule t : List.copyOf(retired)) {
                Instance prev = instances.get(t.fingerprint());
                if (prev == null || prev.endsAt().plus(keepResolved).isBefore(now)) {
                    retired.remove(t);
                    instances.remove(t.fingerprint());
                    transitions.add(new AlertEvent.Transition(now,
                            alert(t, Instance.inactive(t.fingerprint()), now), AlertState.RESOLVED));
                }
            }
            posted.expire(now, keepResolved).forEach(change -> transitions.add(transition(change, now)));
            finishChange(now, transitions);
        } finally {
            round.unlock();
        }
    }

    /** Lists, persists and tells the transitions, and offers the receivers what fires and what resolved. */
    private void finishChange(Instant now, List<AlertEvent.Transition> transitions) {
        publishSnapshot(now);
        if (!transitions.isEmpty()) {
            save();
        }
        transitions.forEach(this::publish);
        notifyReceivers();
    }

    @Override
    public void post(PostedAlert alert) {
        Instant now = clock.instant();
        finishChange(now, posted.post(alert, now).map(change -> List.of(transition(change, now))).orElse(List.of()));
    }

    @Override
    public int resolve(Map<String, String> matching) {
        Instant now = clock.instant();
        List<AlertEvent.Transition> transitions = posted.resolve(matching, now).stream()
                .map(change -> transition(change, now)).toList();
        if (!transitions.isEmpty()) {
            finishChange(now, transitions);
        }
        return transitions.size();
    }

    private AlertEvent.Transition transition(PostedAlerts.Change change, Instant now) {
        PostedState after = change.after();
        return new AlertEvent.Transition(now, PostedAlerts.alert(after, silences.silenced(after.labels(), now)),
                change.from());
    }

    /** Pending, active and recently resolved alerts: the rules' in rule order, then the posted ones. */
    public List<Alert> alerts() {
        return snapshot;
    }

    /** How many alerts are active (firing, nodata or error), for {@code warden_alerts_firing}. */
    public long firingCount() {
        return snapshot.stream().filter(alert -> alert.state().active()).count();
    }

    /** The silences that have not ended. */
    public List<Silence> silences() {
        return silences.list();
    }

    /**
     * Adds a silence and persists it.
     *
     * @param startsAt null for now
     * @throws IllegalArgumentException naming what is wrong (no matcher, end before start, no createdBy)
     */
    public Silence addSilence(List<LabelMatcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
                              String comment) {
        Silence silence = silences.add(matchers, startsAt, endsAt, createdBy, comment);
        save();
        publishSnapshot(clock.instant());
        return silence;
    }

    /** Removes a silence; empty if none has this id. */
    public Optional<Silence> removeSilence(String id) {
        Optional<Silence> removed = silences.remove(id);
        removed.ifPresent(silence -> {
            save();
            publishSnapshot(clock.instant());
            notifyReceivers();
        });
        return removed;
    }

    /** Each receiver's delivered and failed counts and last error. */
    public List<DeliveryStatus> deliveries() {
        return notifier.status();
    }

    /**
     * Calls the listener with every transition (on the evaluation thread) and every delivery or
     * give-up (on the receiver's thread); it must not block. Closing the handle unsubscribes.
     */
    public AutoCloseable subscribe(Consumer<AlertEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    /** Stops evaluating and delivering; states are saved. Queued deliveries resume at the next start. */
    @Override
    public void close() {
        round.lock();
        try {
            if (schedule != null) {
                schedule.shutdownNow();
            }
        } finally {
            round.unlock();
        }
        notifier.close();
        save();
    }

    /**
     * Offers every unsilenced active alert as firing and every resolved one as resolved; the
     * receivers drop what they had. Run after each round, at start and on silence changes, so
     * a transition missed by a restart, or held back by a silence that has ended while the
     * alert still fires, is sent then, as Alertmanager does.
     */
    private void notifyReceivers() {
        for (Alert alert : snapshot) {
            if (alert.silenced()) {
                continue;
            }
            if (alert.state().active()) {
                notifier.send(new Notification(alert, "firing"));
            } else if (alert.state() == AlertState.RESOLVED) {
                notifier.send(new Notification(alert, "resolved"));
            }
        }
    }

    private Alert alert(TrackedRule t, Instance instance, Instant now) {
        return t.alert(instance, silences, now);
    }

    private void publishSnapshot(Instant now) {
        view.lock();
        try {
            List<Alert> all = new ArrayList<>();
            Stream.concat(tracked.stream(), List.copyOf(retired).stream()).forEach(t -> {
                Instance instance = instances.get(t.fingerprint());
                if (instance != null) {
                    all.add(alert(t, instance, now));
                }
            });
            posted.list().forEach(entry -> all.add(PostedAlerts.alert(entry, silences.silenced(entry.labels(), now))));
            snapshot = List.copyOf(all);
        } finally {
            view.unlock();
        }
    }

    private void publish(AlertEvent event) {
        for (Consumer<AlertEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "alert listener failed on " + event, e);
            }
        }
    }

    private void save() {
        stateFile.save(() -> {
            List<Instance> kept = List.copyOf(instances.values());
            List<PostedState> raised = posted.list();
            Set<String> episodes = new HashSet<>();
            kept.forEach(i -> episodes.add(i.fingerprint() + '|' + i.startsAt()));
            raised.forEach(p -> episodes.add(p.instance().fingerprint() + '|' + p.instance().startsAt()));
            // A key is RECEIVER|FINGERPRINT|STARTSAT|STATUS; those of episodes no longer kept are dropped.
            List<String> live = handled.stream().filter(key -> {
                String[] parts = key.split("\\|");
                return parts.length == 4 && episodes.contains(parts[1] + '|' + parts[2]);
            }).sorted().toList();
            handled.retainAll(live);
            return new StateFile.Stored(1, kept, silences.list(), live, raised);
        });
    }

    private void tickLogged() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "alert evaluation round failed; the next one runs on schedule", e);
        }
    }
}
