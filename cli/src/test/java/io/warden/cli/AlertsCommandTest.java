package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.daemon.Daemon;
import io.warden.daemon.WardenConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden alerts} and {@code warden silence}: real processes, on the launcher's lean class path. */
class AlertsCommandTest {

    @TempDir
    Path dir;

    private Daemon daemon;
    private Path state;

    @BeforeEach
    void start() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                alerts:
                  rules:
                    - {name: worker-down, service: worker, metric: up, op: "<", critical: 1}
                services:
                  worker:
                    command: [sh, -c, "exit 0"]
                    restart: {policy: "no"}
                """);
        state = dir.resolve(".warden");
        daemon = Daemon.start(WardenConfig.load(config), dir, state, "test", "test");
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private WardenProcess warden(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--state-dir";
        all[args.length + 1] = state.toString();
        WardenProcess process = WardenProcess.start(dir, all);
        process.await();
        return process;
    }

    private static String ok(WardenProcess process) {
        assertThat(process.process.exitValue()).as(process.stderr()).isZero();
        return process.stdout();
    }

    @Test
    void alerts_printsTheTableOrJson_andSilenceAddsListsAndExpires() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> ok(warden("alerts")).contains("firing"));
        assertThat(ok(warden("alerts"))).startsWith("STATE").contains("critical", "worker-down", "worker");
        assertThat(ok(warden("alerts", "--json"))).startsWith("{").contains("\"name\":\"worker-down\"");

        String added = ok(warden("silence", "add", "--match", "alertname=worker-down", "--match", "service=~wor.*",
                "--duration", "2h", "--comment", "known, fixing"));
        Matcher id = Pattern.compile("silence (\\S+) added until").matcher(added);
        assertThat(id.find()).as(added).isTrue();
        assertThat(ok(warden("silence", "list"))).contains(id.group(1), "alertname=\"worker-down\"",
                "service=~\"wor.*\"", "known, fixing");
        await().atMost(Duration.ofSeconds(30)).until(() -> ok(warden("alerts")).contains("yes"));
        assertThat(ok(warden("silence", "expire", id.group(1)))).contains("expired silence " + id.group(1));
        assertThat(ok(warden("silence", "list"))).isEqualTo("no silences\n");
    }

    @Test
    void badUsage_exits2_andUnknownSilencesExit1() throws Exception {
        WardenProcess noMatch = warden("silence", "add", "--duration", "1h");
        assertThat(noMatch.process.exitValue()).isEqualTo(2);
        assertThat(noMatch.stderr()).contains("--match");
        WardenProcess badMatch = warden("silence", "add", "--match", "nothing");
        assertThat(badMatch.process.exitValue()).isEqualTo(2);
        assertThat(badMatch.stderr()).contains("LABEL=VALUE");
        WardenProcess badDuration = warden("silence", "add", "--match", "a=b", "--duration", "soon");
        assertThat(badDuration.process.exitValue()).isEqualTo(2);
        WardenProcess unknown = warden("silence", "expire", "no-such-id");
        assertThat(unknown.process.exitValue()).isEqualTo(1);
        assertThat(unknown.stderr()).contains("no silence with id 'no-such-id'");
        assertThat(ok(warden("silence", "--help"))).contains("warden silence add --match");
    }
}
