package io.warden.supervisor.process;

/**
 * The daemon's end of a pipe on a tethered child's stdin ({@link SpawnRequest#tethered()}): a
 * {@link #beat()} writes a byte the child's watchdog reads; when the daemon dies the kernel closes
 * this end and the watchdog reads end-of-file. Closed by the spawner when the child exits.
 *
 * <p>Thread safe; a beat never blocks (a full pipe, or a closed one, drops it).
 */
public interface Tether {

    /** A tether that carries nothing: the child was not spawned tethered. */
    Tether NONE = new Tether() {
        @Override
        public void beat() {
        }

        @Override
        public void close() {
        }
    };

    /** Writes one byte to the child's stdin. */
    void beat();

    /** Closes the daemon's end; further beats are ignored. */
    void close();
}
