package io.warden.supervisor.process;

import io.warden.os.OsFamily;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Spawns through {@link ProcessBuilder}: every OS, at the cost of the JDK's "process reaper"
 * platform thread per live child and, on Linux, a second exec (the JDK's {@code jspawnhelper}).
 */
final class JdkSpawner implements Spawner {

    private static final File NULL_DEVICE = new File(OsFamily.isWindows() ? "NUL" : "/dev/null");

    @Override
    public Child spawn(SpawnRequest request) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(request.command()).directory(request.workdir().toFile());
        builder.environment().putAll(request.environment());
        builder.redirectInput(request.tethered() ? ProcessBuilder.Redirect.PIPE
                : ProcessBuilder.Redirect.from(NULL_DEVICE));
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(request.stdout().toFile()));
        builder.redirectError(ProcessBuilder.Redirect.appendTo(request.stderr().toFile()));
        Process process = builder.start();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        // A virtual thread blocked in waitFor: the JDK's reaper wakes it directly, where onExit()
        // would first pass through the common pool (bench/HISTORY.md, issue 3).
        Thread.ofVirtual().name("warden-exit-" + process.pid()).start(() -> exit.complete(waitFor(process)));
        return request.tethered() ? new Child(process.toHandle(), exit, new StreamTether(process.getOutputStream()))
                : new Child(process.toHandle(), exit);
    }

    private static int waitFor(Process process) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return process.waitFor();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
