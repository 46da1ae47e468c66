package io.warden.supervisor;

import io.warden.supervisor.logs.LogChunk;
import io.warden.supervisor.logs.LogCursor;
import io.warden.supervisor.logs.LogLine;
import io.warden.supervisor.logs.LogSettings;
import io.warden.supervisor.logs.ServiceLog;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The services' log files in the state directory, read by service name whether the service runs
 * or not (rotated files included). Reads go to the files, never to a runner: a slow reader holds
 * no service's lock.
 */
public final class LogFiles {

    private final Path stateDir;
    private final Function<String, LogSettings> settings;

    /** {@code settings} gives a service's log settings and refuses an unknown name. */
    LogFiles(Path stateDir, Function<String, LogSettings> settings) {
        this.stateDir = stateDir;
        this.settings = settings;
    }

    /**
     * The last {@code lines} lines of a service's log.
     *
     * @throws ServiceNotFoundException for an unknown name
     */
    public List<LogLine> tail(String name, int lines) {
        return ServiceLog.tail(stateDir, name, settings.apply(name), lines);
    }

    /**
     * The last {@code lines} lines of a service's log and the cursor after them, to follow the log
     * from with {@link #read}.
     *
     * @throws ServiceNotFoundException for an unknown name
     */
    public LogChunk tailAndCursor(String name, int lines) {
        return ServiceLog.tailAndCursor(stateDir, name, settings.apply(name), lines);
    }

    /**
     * Whole lines of a service's log after {@code from} (about {@code maxBytes} at most); see
     * {@link ServiceLog#read}.
     *
     * @throws ServiceNotFoundException for an unknown name
     */
    public LogChunk read(String name, LogCursor from, int maxBytes) {
        return ServiceLog.read(stateDir, name, settings.apply(name), from, maxBytes);
    }
}
