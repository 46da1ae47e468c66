package io.warden.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one child start costs the JVM alone, without Warden: {@code ProcessBuilder.start()} of a
 * Python child with stdin from /dev/null and stdout/stderr appended to files (as Warden's
 * ServiceRunner does), then {@code toHandle().info()} (as Warden reads the start instant).
 * Compare with Warden's "starting -> running" step in bench/results/supervise-restart.txt.
 *
 * <p>Run without Maven: {@code java bench/src/main/java/io/warden/bench/SpawnCost.java [N]}.
 */
public final class SpawnCost {

    private SpawnCost() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("warden-spawncost");
        try {
            List<Double> start = new ArrayList<>();
            List<Double> info = new ArrayList<>();
            for (int i = 0; i < n + 10; i++) {
                ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-S", "-c", "pass")
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("out").toFile()))
                        .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("err").toFile()));
                builder.environment().put("WARDEN_SERVICE", "x");
                long t0 = System.nanoTime();
                Process process = builder.start();
                long t1 = System.nanoTime();
                process.toHandle().info().startInstant();
                long t2 = System.nanoTime();
                process.waitFor();
                if (i >= 10) {
                    start.add((t1 - t0) / 1e6);
                    info.add((t2 - t1) / 1e6);
                }
            }
            System.out.printf("ProcessBuilder.start(): median %.2f ms, p90 %.2f ms; info().startInstant(): median %.2f ms"
                    + " (n=%d, launchMechanism %s)%n", median(start), p90(start), median(info), n,
                    System.getProperty("jdk.lang.Process.launchMechanism", "default"));
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static double p90(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[(int) (sorted.length * 0.9) - 1];
    }
}
