package io.warden.supervisor.doctor;

import io.warden.os.OsFamily;
import java.util.List;
import java.util.Optional;

/**
 * Where the doctor's facts about the host come from: the only I/O of a diagnosis besides the
 * state directory. Implementations are thread safe.
 */
public interface HostScanner {

    /** Every process and listening socket, in one pass over the process list. */
    HostSnapshot scan();

    /** The listening sockets alone (cheaper than a full scan, for "who owns port N"). */
    List<Listener> listeners();

    /** One process, read on its own; empty when it does not exist. */
    Optional<ProcessRow> process(long pid);

    /**
     * The scanner of the running OS: {@code /proc} read directly on Linux (OSHI's start-up alone
     * costs more than that whole scan, and OSHI is then never loaded), OSHI elsewhere.
     */
    static HostScanner platform() {
        if (OsFamily.isLinux()) {
            HostScanner procfs = ProcfsHostScanner.open();
            if (procfs != null) {
                return procfs;
            }
        }
        return OshiHostScanner.create();
    }
}
