package io.warden.deploy;

import io.warden.deploy.history.DeployRecord;
import io.warden.deploy.history.Phase;
import io.warden.governance.Samples;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A daemon stand-in in its own JVM, to be killed with kill -9: runs v1 of the fixture service on
 * port {@code args[1]} with its state in {@code args[0]}, deploys a good v2 with a 6 s window, prints
 * {@code watching ID} once the watch runs, then waits to be killed.
 */
public final class DeployCrashFixture {

    public static void main(String[] args) throws Exception {
        DeployRig rig = new DeployRig(Path.of(args[0]), Integer.parseInt(args[1]), "v1", "good");
        while (!"v1".equals(rig.get("/"))) {
            Thread.sleep(20);
        }
        UpdateSettings settings = new UpdateSettings(Duration.ofSeconds(15), Duration.ofMillis(500),
                Duration.ofSeconds(6), Duration.ofMillis(250), 3, 4, null, null);
        DeployRecord started = rig.deployer.deploy(new DeployRequest(DeployRig.SERVICE, rig.spec("v2", "good"), null,
                "", List.of(), Samples.ALICE, settings, List.of()));
        while (rig.deployer.find(started.id()).orElseThrow().phase() != Phase.WATCHING) {
            Thread.sleep(20);
        }
        System.out.println("watching " + started.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
