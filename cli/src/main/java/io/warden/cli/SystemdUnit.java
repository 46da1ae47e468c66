package io.warden.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The systemd unit of a Warden daemon: pure text from what {@link ServiceInstall} found, so a test
 * can read every line. Immutable.
 *
 * @param name           the unit's name without {@code .service}
 * @param launcher       the absolute path of the {@code warden} launcher
 * @param config         the absolute path of the config file
 * @param user           the account the daemon runs as, or null for root
 * @param javaHome       the JDK the launcher is pinned to
 * @param readWritePaths what stays writable under {@code ProtectSystem=strict}: the state dir and
 *                       what the services write (the config's folder by default)
 * @param stopTimeout    the longest stop Warden may need (its services' stop timeouts along the
 *                       longest dependency chain)
 */
record SystemdUnit(String name, Path launcher, Path config, String user, Path javaHome, List<Path> readWritePaths,
                   Duration stopTimeout) {

    /** Time Warden gets beyond its services' own stop timeouts, to stop the API and write its state. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(30);

    SystemdUnit {
        readWritePaths = List.copyOf(readWritePaths);
    }

    /** {@code TimeoutStopSec}, in whole seconds: the services' stop plus the margin. */
    long timeoutStopSeconds() {
        return stopTimeout.plus(STOP_MARGIN).toSeconds();
    }

    String text() {
        StringBuilder unit = new StringBuilder();
        unit.append("# Written by `warden service install`; `warden service uninstall` removes it.\n")
                .append("[Unit]\n")
                .append("Description=Warden: supervises the services of ").append(config).append('\n')
                .append("Documentation=file://").append(launcher.getParent().resolve("docs/service.md")).append('\n')
                .append("Wants=network-online.target\n")
                .append("After=network-online.target\n")
                .append("# The start limit never stops automatic restarts: at most 3 starts fit in 15 s when each\n")
                .append("# waits RestartSec=5s, so a crash loop keeps retrying every 5 s instead of ending in\n")
                .append("# 'start request repeated too quickly' (start-limit-hit) that needs a manual reset.\n")
                .append("StartLimitIntervalSec=15s\n")
                .append("StartLimitBurst=5\n\n")
                .append("[Service]\n")
                .append("Type=exec\n");
        if (user != null) {
            unit.append("User=").append(user).append('\n');
        }
        unit.append("WorkingDirectory=").append(config.getParent()).append('\n')
                .append("Environment=JAVA_HOME=").append(javaHome).append('\n')
                .append("ExecStart=").append(quote(launcher)).append(" up --config ").append(quote(config)).append('\n')
                .append("Restart=on-failure\n")
                .append("RestartSec=5s\n")
                .append("# 2: a usage error, 3: another daemon holds the state dir; a restart cannot fix either.\n")
                .append("RestartPreventExitStatus=2 3\n")
                .append("# SIGTERM goes to Warden alone: it stops its services itself, dependants before their\n")
                .append("# dependencies, each with its own signal and timeout. With the default KillMode=control-group\n")
                .append("# systemd would signal every service at once, out of order; and when Warden crashes, the\n")
                .append("# services keep running and the restarted Warden adopts them instead of starting copies.\n")
                .append("KillMode=process\n")
                .append("# Above the longest stop Warden may need: its services' stop timeouts along the longest\n")
                .append("# dependency chain (").append(io.warden.config.Durations.format(stopTimeout))
                .append(") plus ").append(STOP_MARGIN.toSeconds()).append(" s for itself.\n")
                .append("TimeoutStopSec=").append(timeoutStopSeconds()).append('\n')
                .append("# The supervised services inherit this sandbox: add what they write to ReadWritePaths.\n")
                .append("NoNewPrivileges=yes\n")
                .append("ProtectSystem=strict\n")
                .append("ReadWritePaths=").append(String.join(" ", readWritePaths.stream().map(SystemdUnit::quote)
                        .toList())).append('\n')
                .append("PrivateTmp=yes\n")
                .append("ProtectControlGroups=yes\n")
                .append("ProtectKernelModules=yes\n")
                .append("ProtectKernelTunables=yes\n")
                .append("ProtectKernelLogs=yes\n")
                .append("ProtectHostname=yes\n")
                .append("ProtectClock=yes\n")
                .append("RestrictSUIDSGID=yes\n")
                .append("LockPersonality=yes\n")
                .append("RestrictRealtime=yes\n")
                .append("UMask=0027\n\n")
                .append("[Install]\n")
                .append("WantedBy=multi-user.target\n");
        return unit.toString();
    }

    /** A path as systemd reads it: quoted when it holds a space. */
    private static String quote(Path path) {
        String text = path.toString();
        return text.contains(" ") ? '"' + text + '"' : text;
    }
}
