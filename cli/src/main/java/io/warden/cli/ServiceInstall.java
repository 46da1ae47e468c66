package io.warden.cli;

import io.warden.daemon.WardenConfig;
import io.warden.supervisor.spec.ServiceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a service definition of the daemon needs, found on this host: the launcher, the config,
 * the paths the daemon and its services write, and the longest stop they may take.
 */
final class ServiceInstall {

    private ServiceInstall() {
    }

    /**
     * The {@code warden} launcher of this build: the first folder above the running code that holds
     * an executable {@code warden} ({@code ROOT/cli/target/warden.jar} or {@code .../classes}).
     */
    static Path launcher() {
        Path code = codeSource();
        for (Path dir = code; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("warden");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new CliException("cannot find the warden launcher above " + code
                + "; run this command through it, e.g. /path/to/warden service install");
    }

    private static Path codeSource() {
        try {
            return Path.of(ServiceInstall.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new CliException("cannot tell where Warden runs from (" + e.getMessage()
                    + "); run this command through the warden launcher");
        }
    }

    /** The jar this build runs from (the launcher builds it), for WinSW which has no bash launcher. */
    static Path jar() {
        return launcher().getParent().resolve("cli/target/warden.jar");
    }

    /** The config file, absolute: {@code --config}, else ./warden.yaml; it must exist. */
    static Path config(Path flag) {
        Path file = flag != null ? flag : Path.of("warden.yaml");
        if (!Files.isRegularFile(file)) {
            throw new CliException(flag != null ? "no config file at " + file.toAbsolutePath()
                    : "no ./warden.yaml here; give the daemon's config: warden service install --config FILE");
        }
        return file.toAbsolutePath().normalize();
    }

    /**
     * What stays writable under {@code ProtectSystem=strict}: the config's folder (the state dir
     * {@code .warden} is in it, and services usually write beside their config), every service's
     * working directory outside it, the extra paths asked for, and the launcher's
     * {@code cli/target} (class data archives made on first start).
     */
    static List<Path> readWritePaths(Path config, WardenConfig settings, List<Path> extra, Path launcher) {
        Path base = config.getParent();
        Set<Path> paths = new LinkedHashSet<>();
        paths.add(base);
        for (ServiceSpec spec : settings.services().values()) {
            if (spec.workdir() != null) {
                paths.add(base.resolve(spec.workdir()).toAbsolutePath().normalize());
            }
        }
        extra.forEach(path -> paths.add(path.toAbsolutePath().normalize()));
        paths.add(launcher.getParent().resolve("cli/target"));
        // A path inside another one is covered by it.
        return paths.stream().filter(path -> paths.stream().noneMatch(other -> !other.equals(path)
                && path.startsWith(other))).toList();
    }

    /**
     * The longest stop the daemon may need: dependants stop before their dependencies, independent
     * services in parallel, so it is the largest sum of stop timeouts along one dependency chain.
     */
    static Duration longestStop(Map<String, ServiceSpec> services) {
        Map<String, Duration> chain = new HashMap<>();
        return services.keySet().stream().map(name -> chainEndingAt(name, services, chain))
                .max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** The stop timeouts of {@code name} and its dependencies along the longest path (the config has no cycles). */
    private static Duration chainEndingAt(String name, Map<String, ServiceSpec> services, Map<String, Duration> chain) {
        Duration known = chain.get(name);
        if (known != null) {
            return known;
        }
        ServiceSpec spec = services.get(name);
        Duration before = spec.dependsOn().conditions().keySet().stream().filter(services::containsKey)
                .map(dependency -> chainEndingAt(dependency, services, chain))
                .max(Duration::compareTo).orElse(Duration.ZERO);
        Duration total = before.plus(spec.stop().timeout());
        chain.put(name, total);
        return total;
    }
}
