/**
 * The single-instance guarantee, usable from any JVM program without other dependencies.
 *
 * <p>{@link io.warden.lock.InstanceLock} takes an exclusive kernel lock on {@code NAME.lock} in a
 * state directory. The kernel decides: it drops the lock when the holder dies, so kill -9 never
 * leaves a lock behind and PID reuse cannot fool it. Beside the lock, {@code NAME.pid} (a
 * {@link io.warden.lock.PidRecord}) tells humans and tools who holds it; it is information only
 * and a stale or corrupt one never blocks a start.
 *
 * <pre>{@code
 * try (InstanceLock lock = InstanceLock.acquire(Path.of(".warden"), "backend",
 *         PidRecord.ofCurrentProcess("python main.py", 54112, "1.0"))) {
 *     serve();
 * } catch (AlreadyRunningException e) {
 *     System.err.println(e.getMessage());
 *     System.exit(3);
 * }
 * }</pre>
 */
package io.warden.lock;
