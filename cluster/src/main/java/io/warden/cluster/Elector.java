package io.warden.cluster;

import io.warden.os.HostClock;
import io.warden.supervisor.ClusterTerm;
import io.warden.supervisor.Supervisor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster singleton on this agent: a loop that, every retry period, renews the lease while this
 * agent holds it, or else tries to take it over, on one dedicated session ({@link LeaseTable}).
 *
 * <p>Taking over needs both the service's advisory lock (no other live session holds it) and an
 * ended lease by the database's clock; the claim writes the next epoch. The holder stops its copy
 * itself when a renewal fails, or when none succeeded for {@code renewDeadline} (a timer, so a
 * renewal that hangs cannot delay it): KILL comes at the latest halfway between that deadline and
 * the lease's end, before any other agent may start its copy. A lost session counts as a lost
 * lease: its advisory lock is gone with it.
 *
 * <p>Thread safety: the loop runs on its own virtual thread; the deadline on the shared timer;
 * {@link #term()} and {@link #reason()} from any thread. The state is guarded by {@link #guard},
 * never held across a query or a stop.
 */
final class Elector {

    private static final Logger LOG = LoggerFactory.getLogger(Elector.class);

    private final String service;
    private final String url;
    private final String agent;
    private final ClusterSettings settings;
    private final Supervisor supervisor;
    private final ScheduledExecutorService timer;
    private final HostClock clock;
    private final ReentrantLock guard = new ReentrantLock();
    private final Thread loop;
    /** Wakes the loop's wait at close (an interrupt would close a socket the lease's release still needs). */
    private final CountDownLatch closing = new CountDownLatch(1);

    // Guarded by guard.
    private LeaseTable table;
    private long epoch;
    private long renewedAt;
    private ScheduledFuture<?> deadline;
    private String reason = "standby: waiting for the cluster lease";
    private CompletableFuture<Void> stopping = CompletableFuture.completedFuture(null);
    private boolean closed;

    Elector(String service, String url, String agent, ClusterSettings settings, Supervisor supervisor,
            ScheduledExecutorService timer, HostClock clock) {
        this.service = service;
        this.url = url;
        this.agent = agent;
        this.settings = settings;
        this.supervisor = supervisor;
        this.timer = timer;
        this.clock = clock;
        this.loop = Thread.ofVirtual().name("warden-cluster-" + service).unstarted(this::run);
    }

    void start() {
        loop.start();
    }

    /**
     * This agent's term, while it holds the lease and its renew deadline has not passed (checked
     * here too, not only by the timer: a restart racing a late timer must not start a copy).
     */
    Optional<ClusterTerm> term() {
        return guarded(() -> epoch > 0 && clock.nanoTime() - renewedAt < settings.renewDeadline().toNanos()
                ? Optional.of(new ClusterTerm(epoch, settings.renewDeadline())) : Optional.empty());
    }

    /** Why this agent does not run the service now. */
    String reason() {
        return guarded(() -> reason);
    }

    private void run() {
        while (!isClosed()) {
            long began = clock.nanoTime();
            long period = settings.retryPeriod().toNanos();
            try {
                if (guarded(() -> epoch > 0)) {
                    renew();
                } else {
                    period = tryToLead();
                }
            } catch (RuntimeException e) {
                LOG.warn("cluster singleton {}: {}", service, e.toString(), e);
            }
            long rest = period - (clock.nanoTime() - began);
            try {
                if (rest > 0 && closing.await(rest, TimeUnit.NANOSECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void renew() {
        long held;
        LeaseTable session;
        guard.lock();
        try {
            held = epoch;
            session = table;
        } finally {
            guard.unlock();
        }
        if (held == 0 || session == null) {
            return; // lost since the loop looked
        }
        long began = clock.nanoTime();
        boolean renewed;
        try {
            renewed = session.renew(service, agent, held, settings.lease());
        } catch (SQLException e) {
            lose(held, "lost its session with PostgreSQL (" + e.getMessage() + ")");
            return;
        }
        if (!renewed) {
            lose(held, "its lease was taken over");
            return;
        }
        guard.lock();
        try {
            if (epoch != held) {
                return; // the deadline came first: the copy is being stopped
            }
            renewedAt = began;
            scheduleDeadline(held);
        } finally {
            guard.unlock();
        }
        supervisor.beat(service);
    }

    /** One try; returns the nanoseconds until the next: a retry period, or less when a lease is about to end. */
    private long tryToLead() {
        long period = settings.retryPeriod().toNanos();
        if (!stoppingDone()) {
            return period; // the copy of the lost term first
        }
        try {
            LeaseTable session = session();
            long began = clock.nanoTime();
            if (session.tryLock(service)) {
                OptionalLong claimed = session.claim(service, agent, settings.lease());
                if (claimed.isPresent()) {
                    lead(claimed.getAsLong(), began);
                    return period;
                }
                Lease lease = session.read(service).orElseThrow(() -> new SQLException("the lease row vanished"));
                standBy("standby: held by " + lease.holder() + ", epoch " + lease.epoch()
                        + "; this agent takes over when that lease ends");
                // Only this agent holds the lock: try again right after the lease's end, not up to a period later.
                return Math.min(period, lease.left().toNanos() + TimeUnit.MILLISECONDS.toNanos(5));
            } else {
                standBy(session.read(service).map(lease -> "standby: held by " + lease.holder() + ", epoch "
                        + lease.epoch()).orElse("standby: held by an agent that has not written its lease yet"));
            }
        } catch (SQLException e) {
            dropSession();
            standBy("standby: PostgreSQL unreachable (" + e.getMessage() + "); retrying every "
                    + settings.retryPeriod().toMillis() + "ms");
        }
        return period;
    }

    private void lead(long newEpoch, long began) {
        guard.lock();
        try {
            epoch = newEpoch;
            renewedAt = began;
            reason = "this agent holds the cluster lease, epoch " + newEpoch;
            scheduleDeadline(newEpoch);
        } finally {
            guard.unlock();
        }
        LOG.info("cluster singleton {}: this agent ({}) holds the lease, epoch {}", service, agent, newEpoch);
        Thread.ofVirtual().name("warden-lead-" + service).start(() -> {
            try {
                supervisor.lead(service, "started: this agent holds the cluster lease, epoch " + newEpoch);
            } catch (RuntimeException e) {
                LOG.warn("cluster singleton {}: cannot start it (epoch {}): {}", service, newEpoch, e.getMessage());
            }
        });
    }

    /** Under the guard: the deadline of the term {@code held}, {@code renewDeadline} after the last renewal began. */
    private void scheduleDeadline(long held) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        long due = renewedAt + settings.renewDeadline().toNanos() - clock.nanoTime();
        deadline = timer.schedule(() -> lose(held, "could not renew its lease within renewDeadline ("
                + settings.renewDeadline().toMillis() + "ms)"), Math.max(0, due), TimeUnit.NANOSECONDS);
    }

    /**
     * Gives up the term {@code held} (nothing when it is over already): the session is ended (its
     * advisory lock with it) and the copy stopped, KILL at the latest halfway between the renew
     * deadline and the lease's end.
     */
    private void lose(long held, String why) {
        LeaseTable session;
        Duration killWithin;
        String standby;
        guard.lock();
        try {
            if (epoch != held || held == 0) {
                return;
            }
            epoch = 0;
            if (deadline != null) {
                deadline.cancel(false);
            }
            long killBy = renewedAt + settings.renewDeadline().toNanos() + settings.margin().toNanos() / 2;
            killWithin = Duration.ofNanos(Math.max(0, killBy - clock.nanoTime()));
            standby = "standby: this agent " + why + " (epoch " + held + ")";
            reason = standby;
            session = table;
            table = null;
            stopping = CompletableFuture.runAsync(() -> stopCopy(standby, killWithin),
                    command -> Thread.ofVirtual().name("warden-fence-" + service).start(command));
        } finally {
            guard.unlock();
        }
        LOG.warn("cluster singleton {}: this agent {} (epoch {}); stopping its copy, KILL within {} ms", service, why,
                held, killWithin.toMillis());
        if (session != null) {
            session.abort();
        }
    }

    private void stopCopy(String why, Duration killWithin) {
        try {
            supervisor.standby(service, why, killWithin);
        } catch (RuntimeException e) {
            LOG.error("cluster singleton {}: stopping its copy failed: {}", service, e.toString(), e);
        }
    }

    /** Shows a standby reason on the service when it changed. */
    private void standBy(String why) {
        guard.lock();
        try {
            if (why.equals(reason) || closed) {
                return;
            }
            reason = why;
        } finally {
            guard.unlock();
        }
        try {
            supervisor.standby(service, why, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("cluster singleton {}: cannot show standby: {}", service, e.toString());
        }
    }

    private LeaseTable session() throws SQLException {
        guard.lock();
        try {
            if (table != null) {
                return table;
            }
        } finally {
            guard.unlock();
        }
        // The server ends a session idle for a whole lease: a paused holder's advisory lock is freed then.
        LeaseTable opened = LeaseTable.connect(url, "warden-cluster " + agent + " " + service,
                settings.renewDeadline(), settings.lease());
        guard.lock();
        try {
            table = opened;
            return opened;
        } finally {
            guard.unlock();
        }
    }

    private void dropSession() {
        LeaseTable session;
        guard.lock();
        try {
            session = table;
            table = null;
        } finally {
            guard.unlock();
        }
        if (session != null) {
            session.abort();
        }
    }

    private boolean stoppingDone() {
        return guarded(() -> stopping.isDone());
    }

    private boolean isClosed() {
        return guarded(() -> closed);
    }

    /** {@code read} of the state under the guard. */
    private <T> T guarded(Supplier<T> read) {
        guard.lock();
        try {
            return read.get();
        } finally {
            guard.unlock();
        }
    }

    /**
     * Stops the loop; when this agent holds the lease, stops the copy (if the supervisor has not
     * already), then ends the lease at once, so another agent takes over without waiting for it.
     */
    void close() {
        guard.lock();
        try {
            closed = true;
        } finally {
            guard.unlock();
        }
        closing.countDown();
        try {
            loop.join(settings.renewDeadline().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long held;
        LeaseTable session;
        guard.lock();
        try {
            held = epoch;
            session = table;
            table = null;
            if (deadline != null) {
                deadline.cancel(false);
            }
        } finally {
            guard.unlock();
        }
        if (held > 0 && session != null) {
            try {
                if (supervisor.service(service).state().isUp()) {
                    supervisor.standby(service, "standby: the agent shuts down", settings.margin().dividedBy(2));
                }
                session.release(service, agent, held);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("cluster singleton {}: cannot end the lease at shutdown (it ends by itself in {} ms): {}",
                        service, settings.lease().toMillis(), e.toString());
            }
        }
        guard.lock();
        try {
            epoch = 0;
        } finally {
            guard.unlock();
        }
        if (session != null) {
            session.close();
        }
    }
}
