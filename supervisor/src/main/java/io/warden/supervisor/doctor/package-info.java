/**
 * {@code warden doctor}: finds copies of a service's command running outside supervision
 * (duplicates), processes a previous run left behind (orphans), who owns a port, stale or corrupt
 * PID files and failed services; {@link io.warden.supervisor.doctor.Doctor#fix} stops exactly the
 * processes a diagnosis listed, after re-checking each one's PID and start instant.
 *
 * <p>I/O is thin and decisions are pure: {@link io.warden.supervisor.doctor.HostScanner} takes one
 * snapshot of the process list and the connection table per run (on Linux read from {@code /proc}
 * directly, about 20 us per process and no OSHI start-up; elsewhere OSHI, which lists processes once:
 * its per-process calls cost about 180 us each), the state directory is read once, and
 * {@code Diagnostician} computes the {@link io.warden.supervisor.doctor.Diagnosis} from those values
 * alone, so the matching rules are tested with fixtures.
 */
package io.warden.supervisor.doctor;
