package io.warden.supervisor;

import io.warden.supervisor.spec.Backoff;
import io.warden.supervisor.spec.RestartPolicy;
import io.warden.supervisor.spec.RestartSpec;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A daemon stand-in in its own JVM: supervises services {@code NAME=sh-script} pairs in the state
 * directory, prints {@code ready NAME=PID ...} once all run, then waits to be killed. With
 * {@code --restarted} as the second argument, services restart at once (backoff 0) and the line is
 * printed once every service runs after at least one restart.
 */
public final class SupervisorFixture {

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        boolean restarted = args.length > 1 && args[1].equals("--restarted");
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        for (int i = restarted ? 2 : 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            ServiceSpec spec = ServiceSpec.of(List.of("/bin/sh", "-c", pair[1]));
            specs.put(pair[0], restarted ? spec.withRestart(new RestartSpec(RestartPolicy.ALWAYS,
                    new Backoff(Duration.ZERO, Duration.ZERO, 1.0, 0.0), null, null)) : spec);
        }
        Supervisor supervisor = TestHost.supervisor(specs, stateDir).build();
        supervisor.startAll();
        while (!supervisor.services().stream().allMatch(s -> s.state() == ServiceState.RUNNING
                && (!restarted || s.restarts() > 0))) {
            Thread.sleep(1);
        }
        StringBuilder line = new StringBuilder("ready");
        supervisor.services().forEach(s -> line.append(' ').append(s.name()).append('=').append(s.pid()));
        System.out.println(line);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
