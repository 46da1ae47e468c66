package io.warden.supervisor.spec;

import io.warden.supervisor.logs.LogSettings;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service as declared under {@code services:} in warden.yaml. Every key but
 * {@code command} has a default; docs/config.md lists them all.
 *
 * @param command   the program and its arguments (never a shell string; write
 *                  {@code [sh, -c, "..."]} to ask for a shell)
 * @param workdir   the working directory, relative to the config file's folder; default that folder
 * @param env       variables added to the daemon's environment
 * @param port      the port the service serves, 0 when none; shown in status and PID files
 * @param dependsOn services started before this one
 * @param restart   restart policy, backoff and start limit
 * @param stop      stop signal and timeout
 * @param health    the health check; none by default
 * @param logs      log rotation
 * @param watch     restart on change; null (the default) when off
 * @param singleton {@code host} (the default): one copy on this host; {@code cluster}: one copy in
 *                  the fleet, run by the agent holding its lease (docs/cluster.md)
 */
public record ServiceSpec(List<String> command, String workdir, Map<String, String> env, int port,
                          DependsOn dependsOn, RestartSpec restart, StopSpec stop, HealthSpec health,
                          LogSettings logs, WatchSpec watch, Singleton singleton) {

    public ServiceSpec {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command is required: the program and its arguments as a list, "
                    + "for example command: [python3, -m, uvicorn, app:app]");
        }
        for (String part : command) {
            if (part == null) {
                throw new IllegalArgumentException("command contains an empty (null) element");
            }
        }
        command = List.copyOf(command);
        env = env == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(env));
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        dependsOn = dependsOn == null ? DependsOn.NONE : dependsOn;
        restart = restart == null ? RestartSpec.DEFAULT : restart;
        stop = stop == null ? StopSpec.DEFAULT : stop;
        logs = logs == null ? LogSettings.DEFAULT : logs;
        singleton = singleton == null ? Singleton.HOST : singleton;
    }

    /** A spec with this command and every default. */
    public static ServiceSpec of(List<String> command) {
        return new ServiceSpec(command, null, null, 0, null, null, null, null, null, null, null);
    }

    public ServiceSpec withRestart(RestartSpec newRestart) {
        return new ServiceSpec(command, workdir, env, port, dependsOn, newRestart, stop, health, logs, watch, singleton);
    }

    public ServiceSpec withStop(StopSpec newStop) {
        return new ServiceSpec(command, workdir, env, port, dependsOn, restart, newStop, health, logs, watch, singleton);
    }

    public ServiceSpec withHealth(HealthSpec newHealth) {
        return new ServiceSpec(command, workdir, env, port, dependsOn, restart, stop, newHealth, logs, watch, singleton);
    }

    public ServiceSpec withDependsOn(DependsOn newDependsOn) {
        return new ServiceSpec(command, workdir, env, port, newDependsOn, restart, stop, health, logs, watch, singleton);
    }

    public ServiceSpec withEnv(Map<String, String> newEnv) {
        return new ServiceSpec(command, workdir, newEnv, port, dependsOn, restart, stop, health, logs, watch, singleton);
    }

    public ServiceSpec withSingleton(Singleton newSingleton) {
        return new ServiceSpec(command, workdir, env, port, dependsOn, restart, stop, health, logs, watch, newSingleton);
    }

    /** Whether only one agent of the fleet runs it (not a getter: a stored spec is its components alone). */
    public boolean runsOncePerCluster() {
        return singleton == Singleton.CLUSTER;
    }

    /** The working directory: {@code workdir} resolved against {@code baseDir} (the config file's folder). */
    public java.nio.file.Path workdirIn(java.nio.file.Path baseDir) {
        return workdir == null ? baseDir : baseDir.resolve(workdir);
    }

    public ServiceSpec withWatch(WatchSpec newWatch) {
        return new ServiceSpec(command, workdir, env, port, dependsOn, restart, stop, health, logs, newWatch, singleton);
    }

    public ServiceSpec withWorkdir(String newWorkdir) {
        return new ServiceSpec(command, newWorkdir, env, port, dependsOn, restart, stop, health, logs, watch, singleton);
    }
}
