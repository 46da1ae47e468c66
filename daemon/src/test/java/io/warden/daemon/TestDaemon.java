package io.warden.daemon;

import io.warden.api.auth.AdminToken;
import io.warden.api.route.RouteTable;
import io.warden.api.stream.StreamHub;
import io.warden.supervisor.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real daemon for each test, as a JUnit extension: before each test it writes {@code warden.yaml}
 * into a fresh folder (the API on an ephemeral port, one line per token, then the test's own keys)
 * and starts a daemon on it, state in {@code .warden} beside the config; after the test it closes
 * the daemon and deletes the folder. The test's {@code @BeforeEach} methods run with the daemon up.
 *
 * <pre>{@code
 * @RegisterExtension
 * final TestDaemon daemon = TestDaemon.withTokens(VIEWER, ADMIN)
 *         .server("trustedProxies: [127.0.0.1]")
 *         .config("""
 *                 rateLimits:
 *                   read: {capacity: 5, refill: 1, period: 1h}
 *                 """);
 * }</pre>
 *
 * Not thread safe: one instance per test instance, as {@code @RegisterExtension} on a field makes.
 */
final class TestDaemon implements BeforeEachCallback, AfterEachCallback {

    /** A read-only user. */
    static final Token VIEWER = new Token("viewer", "read-token-0123456789abcdef", "read");
    /** An admin who is also a lead of the approval matrix. */
    static final Token ADMIN = new Token("alice", "admin-token-0123456789abcdef", "admin", "lead");

    /** One entry of {@code auth.tokens}. */
    record Token(String user, String token, String scope, List<String> roles) {

        Token {
            roles = List.copyOf(roles);
        }

        Token(String user, String token, String scope, String... roles) {
            this(user, token, scope, List.of(roles));
        }

        String yaml() {
            String roleList = roles.isEmpty() ? "" : ", roles: [" + String.join(", ", roles) + "]";
            return "    - {user: %s, token: %s, scope: %s%s}\n".formatted(user, token, scope, roleList);
        }
    }

    private final List<Token> tokens;
    private final List<String> serverKeys = new ArrayList<>();
    private Function<Path, String> config = dir -> "";
    private Path dir;
    private Daemon daemon;

    private TestDaemon(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** A daemon whose API accepts these tokens (none: only the admin token of its state dir). */
    static TestDaemon withTokens(Token... tokens) {
        return new TestDaemon(Arrays.asList(tokens));
    }

    /** One more key under {@code server:}, after {@code port: 0}, e.g. {@code "maxBodySize: 64KB"}. */
    TestDaemon server(String key) {
        serverKeys.add(key);
        return this;
    }

    /** The rest of warden.yaml (anything but {@code server} and {@code auth}). */
    TestDaemon config(String yaml) {
        return config(dir -> yaml);
    }

    /** The rest of warden.yaml, made before each test from the folder the config goes in. */
    TestDaemon config(Function<Path, String> yaml) {
        config = yaml;
        return this;
    }

    /** The whole config for a daemon in {@code dir}. */
    String yaml(Path dir) {
        StringBuilder yaml = new StringBuilder("server:\n  port: 0\n");
        serverKeys.forEach(key -> yaml.append("  ").append(key).append('\n'));
        if (!tokens.isEmpty()) {
            yaml.append("auth:\n  tokens:\n");
            tokens.forEach(token -> yaml.append(token.yaml()));
        }
        return yaml.append(config.apply(dir)).toString();
    }

    /** Writes the config into {@code dir} and starts a daemon on it; the caller closes it. */
    Daemon startIn(Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("warden.yaml"), yaml(dir));
        return Daemon.start(WardenConfig.load(file), dir, dir.resolve(".warden"), "test", "test");
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("warden-test-");
        daemon = startIn(dir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        List<Path> left;
        try (Stream<Path> files = Files.walk(dir)) {
            left = files.sorted(Comparator.reverseOrder()).filter(file -> !file.toFile().delete()).toList();
        }
        if (!left.isEmpty()) {
            throw new IOException("could not delete " + left);
        }
    }

    /** The running daemon; a test may close it early (the second close does nothing). */
    Daemon daemon() {
        if (daemon == null) {
            throw new IllegalStateException("the daemon starts before each test; register TestDaemon with @RegisterExtension");
        }
        return daemon;
    }

    /** The folder of warden.yaml, the services' working directory. */
    Path dir() {
        return dir;
    }

    int port() {
        return daemon().port();
    }

    Supervisor supervisor() {
        return daemon().supervisor();
    }

    StreamHub streams() {
        return daemon().streams();
    }

    RouteTable routes() {
        return daemon().routes();
    }

    /** The admin token the daemon made in its state dir. */
    String adminToken() {
        try {
            return AdminToken.read(dir.resolve(".warden").resolve(AdminToken.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
