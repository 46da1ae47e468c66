/**
 * The supervision engine: services declared in warden.yaml, one runner per service with an
 * explicit state machine, restarts, stops of whole process trees, health probes and adoption
 * of services that outlived a daemon. {@link io.warden.supervisor.Supervisor} is the facade,
 * built by {@link io.warden.supervisor.SupervisorBuilder}; the rest of this package is
 * package-private.
 *
 * <h2>Rooms</h2>
 * <ul>
 *   <li><b>The supervisor</b>: {@code Supervisor} (the facade), {@code DependencyOrder} (starts
 *       and stops in the order of the {@link io.warden.supervisor.spec.ServiceGraph}),
 *       {@code StopMarks} (the unless-stopped record: stops by hand that outlive the daemon),
 *       {@code EventLog} (events in memory, {@code events.log}, listeners).</li>
 *   <li><b>One service</b>: {@code ServiceRunner}, its commands and status, with
 *     <ul>
 *       <li>{@code RunnerState}: the state machine as others see it (state, reason, restarts,
 *           last exit), every transition an event, and {@code DependencyWaiters}, the dependants
 *           waiting for a condition;</li>
 *       <li>{@code RunCycle}: the runs one after another, numbered: launch, exit, the restart
 *           decision ({@link io.warden.supervisor.restart.RestartPlanner}) and the restart after
 *           its backoff, the stop of the current tree; an unhealthy run is stopped and then
 *           decided on as an exit is;</li>
 *       <li>{@code Launcher}: how a run begins, the restart's fast path;</li>
 *       <li>{@code ServiceClaim}: the claim on the service: instance lock, PID file, adoption
 *           of a previous daemon's survivor, the port check;</li>
 *       <li>{@code OrphanSweep}: the marks of each run, and the stop of the processes earlier
 *           runs left behind: throttled, after a spawn; before a start when they hold the port;</li>
 *       <li>{@code Run}: one process run, its health monitor and the stop of its tree;
 *           {@code ServiceOutput}: the log across runs and its followers.</li>
 *     </ul></li>
 * </ul>
 *
 * <h2>Locking</h2>
 * One lock per service, created by its {@code ServiceRunner} and handed to the rooms that take
 * it themselves ({@code RunCycle}, {@code OrphanSweep}, {@code ServiceOutput}); it guards the
 * runner's state and every room's. Transitions happen only under it. Blocking work (stopping a
 * tree, waiting for an exit, sweeping orphans, waiting for dependencies) runs outside it, on the
 * caller's thread or a virtual thread. Exit and health callbacks carry their run and are ignored
 * once it is no longer current; a start or stop by hand moves the run number on, which voids a
 * pending restart and a dependency wait's ticket.
 *
 * <h2>The restart's fast path</h2>
 * A restart with no backoff runs on the thread that saw the exit, after it drops the lock: no
 * scheduler round trip. Before the spawn it does only what must precede it (the claim is already
 * held; when a port is declared, its check, and a sweep only if it is held; the capture's
 * journal; the request); the PID file follows the spawn at once, and the next start's spool
 * files and the orphan sweep are scheduled a little later, off the child's start.
 *
 * <h2>What the process owns</h2>
 * The child subreaper (a flag of the process), the scheduler's thread and the probes' HTTP
 * client belong to the composition root (the daemon), which hands them in and closes them after
 * the supervisor. Time is read only from the injected {@link io.warden.os.HostClock} and the
 * injected {@link io.warden.supervisor.Scheduler}, so tests advance it instead of sleeping.
 */
package io.warden.supervisor;
