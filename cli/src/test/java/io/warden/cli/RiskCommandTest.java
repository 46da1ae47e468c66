package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.daemon.Daemon;
import io.warden.daemon.WardenConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden risk} end to end: real {@code warden} processes against a real daemon (in this JVM,
 * on an ephemeral port, SQLite in its state dir), each person calling with their own token.
 */
class RiskCommandTest {

    @TempDir
    Path dir;

    private Daemon daemon;
    private Path state;

    @BeforeEach
    void start() throws Exception {
        Path config = Files.writeString(dir.resolve("warden.yaml"), """
                server: {port: 0}
                auth:
                  tokens:
                    - {user: ann, token: ann-token-0123456789, scope: admin, roles: [developer]}
                    - {user: lee, token: lee-token-0123456789, scope: admin, roles: [lead]}
                    - {user: quinn, token: quinn-token-01234567, scope: admin, roles: [qa]}
                """);
        Files.writeString(dir.resolve("ann.token"), "ann-token-0123456789\n");
        Files.writeString(dir.resolve("lee.token"), "lee-token-0123456789\n");
        state = dir.resolve(".warden");
        daemon = Daemon.start(WardenConfig.load(config), dir, state, "test", "test");
    }

    @AfterEach
    void stop() {
        daemon.close();
    }

    private WardenProcess risk(Map<String, String> env, String... args) throws Exception {
        String[] all = new String[args.length + 3];
        all[0] = "risk";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--state-dir";
        all[args.length + 2] = state.toString();
        WardenProcess process = WardenProcess.start(dir, env, all);
        process.await();
        return process;
    }

    private WardenProcess risk(String... args) throws Exception {
        return risk(Map.of(), args);
    }

    private static WardenProcess ok(WardenProcess process) {
        assertThat(process.process.exitValue()).as(process.stderr()).isZero();
        return process;
    }

    @Test
    void riskCommands_takeAnAssessmentFromFileToClosed_asSeveralPeople() throws Exception {
        Path example = Path.of(System.getProperty("user.dir")).getParent()
                .resolve("examples/assessments/process-management.yaml");
        String created = ok(risk("new", "--from", example.toString(), "--token-file", "ann.token")).stdout();
        Matcher matcher = Pattern.compile("created (\\S+): medium, draft").matcher(created);
        assertThat(matcher.find()).as(created).isTrue();
        String id = matcher.group(1);

        assertThat(ok(risk("list", "--level", "medium")).stdout()).contains(id, "draft", "ann", "Process management");
        ok(risk("submit", id, "--token-file", "ann.token"));

        WardenProcess own = risk("approve", id, "--comment", "mine", "--token-file", "ann.token");
        assertThat(own.process.exitValue()).as("refused by policy").isEqualTo(4);
        assertThat(own.stderr()).contains("ann cannot approve", "author");
        WardenProcess early = risk("transition", id, "--to", "deployed", "--token-file", "lee.token");
        assertThat(early.process.exitValue()).as(early.stderr()).isEqualTo(4);

        assertThat(ok(risk("approve", id, "--comment", "rollback is simple", "--token-file", "lee.token")).stdout())
                .contains("still needed: one of (qa, security)");
        assertThat(ok(risk(Map.of("WARDEN_TOKEN", "quinn-token-01234567"), "approve", id)).stdout())
                .contains("approved " + id + ": medium, approved");

        ok(risk("transition", id, "--to", "deployed", "--token-file", "lee.token"));
        ok(risk("transition", id, "--to", "observing", "--token-file", "lee.token"));
        Path retrospective = Files.writeString(dir.resolve("retro.yaml"),
                "observedIncidents: []\nactualLevel: low\nnotes: quiet week\n");
        assertThat(ok(risk("close", id, "--retrospective", retrospective.toString(), "--token-file", "ann.token"))
                .stdout()).contains("closed " + id);

        String markdown = ok(risk("show", id, "--md")).stdout();
        assertThat(markdown).contains("# Risk assessment: Process management", "## 8. Approvals", "lee", "quinn",
                "## 10. Retrospective", "quiet week");
        assertThat(ok(risk("show", id)).stdout()).contains("status:    closed", "approvals: complete");
    }

    @Test
    void submitOfAnIncompleteAssessment_isRefusedByPolicy_exit4WithEveryMissingItem() throws Exception {
        Path draft = Files.writeString(dir.resolve("draft.yaml"), """
                title: Half-written change
                services: [backend]
                """);
        String created = ok(risk("new", "--from", draft.toString(), "--token-file", "ann.token")).stdout();
        Matcher matcher = Pattern.compile("created (\\S+):").matcher(created);
        assertThat(matcher.find()).as(created).isTrue();

        WardenProcess submit = risk("submit", matcher.group(1), "--token-file", "ann.token");

        assertThat(submit.process.exitValue()).as(submit.stderr()).isEqualTo(4);
        assertThat(submit.stderr()).startsWith("warden: ");
    }

    @Test
    void badUsage_exits2_andFailuresExit1WithTheDaemonsReason() throws Exception {
        WardenProcess unknown = risk("frobnicate");
        assertThat(unknown.process.exitValue()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("unknown action 'frobnicate'", "approve");

        WardenProcess noComment = risk("reject", "some-id");
        assertThat(noComment.process.exitValue()).isEqualTo(2);
        assertThat(noComment.stderr()).contains("--comment");

        WardenProcess missing = risk("show", "no-such-id");
        assertThat(missing.process.exitValue()).isEqualTo(1);
        assertThat(missing.stderr()).contains("no-such-id does not exist");
    }

    @Test
    void newFromAFileWithAMistake_namesTheFileLineAndKey_andFilesNothing() throws Exception {
        String assessment = """
                title: Bump the pool
                services: [backend]
                risks:
                  - category: performance
                    title: More connections than the database allows
                    likelihood: 3
                    impact: 2
                """;
        Path typo = Files.writeString(dir.resolve("typo.yaml"), assessment.replace("likelihood: 3", "likelyhood: 3"));
        WardenProcess misspelt = risk("new", "--from", typo.toString(), "--token-file", "ann.token");
        assertThat(misspelt.process.exitValue()).isEqualTo(1);
        assertThat(misspelt.stderr()).isEqualTo("warden: " + typo + ":6: risks[0].likelyhood: unknown key"
                + " 'likelyhood'; did you mean 'likelihood'? Valid keys: category, impact, likelihood, mitigation,"
                + " owner, title\n");

        Path words = Files.writeString(dir.resolve("words.yaml"), assessment.replace("likelihood: 3", "likelihood: high"));
        WardenProcess inWords = risk("new", "--from", words.toString(), "--token-file", "ann.token");
        assertThat(inWords.process.exitValue()).isEqualTo(1);
        assertThat(inWords.stderr()).isEqualTo("warden: " + words + ":6: risks[0].likelihood: 'high' is not a number\n");
        assertThat(ok(risk("list", "--json")).stdout()).doesNotContain("Bump the pool");
    }
}
