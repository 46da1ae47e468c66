package io.warden.supervisor;

import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A daemon stand-in in its own JVM: supervises services {@code NAME=sh-script} pairs in the state
 * directory, prints {@code ready NAME=PID ...} once all run, then waits to be killed.
 */
public final class SupervisorFixture {

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        Map<String, ServiceSpec> specs = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            specs.put(pair[0], ServiceSpec.of(List.of("/bin/sh", "-c", pair[1])));
        }
        Supervisor supervisor = Supervisor.builder(specs, stateDir).build();
        supervisor.startAll();
        while (!supervisor.services().stream().allMatch(s -> s.state() == ServiceState.RUNNING)) {
            Thread.sleep(10);
        }
        StringBuilder line = new StringBuilder("ready");
        supervisor.services().forEach(s -> line.append(' ').append(s.name()).append('=').append(s.pid()));
        System.out.println(line);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
