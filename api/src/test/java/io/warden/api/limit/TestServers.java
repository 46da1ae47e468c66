package io.warden.api.limit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The machine's Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432, database {@code test}),
 * and Redis servers a test starts and kills itself. Unreachable: the test is skipped with the
 * reason, or fails when {@code CI=true}.
 */
final class TestServers {

    static final String REDIS = "redis://127.0.0.1:6379";

    private TestServers() {
    }

    /** The machine's Redis URL, after a PING answered. */
    static String redis() {
        if (!redisAnswers(6379)) {
            unavailable("Redis at 127.0.0.1:6379 does not answer PING");
        }
        return REDIS;
    }

    /** A JDBC URL on a fresh schema of the machine's PostgreSQL. */
    static String postgres() {
        String schema = "rl_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL).toLowerCase(Locale.ROOT);
        StringBuilder failures = new StringBuilder();
        for (String user : new String[] {"postgres", "root"}) {
            String url = "jdbc:postgresql://127.0.0.1:5432/test?user=" + user + "&connectTimeout=3";
            try (Connection connection = DriverManager.getConnection(url)) {
                connection.createStatement().execute("CREATE SCHEMA " + schema);
                return url + "&currentSchema=" + schema;
            } catch (SQLException e) {
                failures.append(user).append(": ").append(e.getMessage()).append("; ");
            }
        }
        unavailable("PostgreSQL at 127.0.0.1:5432 (database test, user postgres or root) is unreachable: " + failures);
        throw new AssertionError("unreachable");
    }

    static boolean redisAnswers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, 7);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true, so this is a failure, not a skip)");
        }
        Assumptions.abort(reason + "; skipping (CI=true fails instead)");
    }

    /** A redis-server of the test's own on a free port, no persistence; killed by the test. */
    static final class OwnRedis implements AutoCloseable {

        final int port;
        private Process process;

        private OwnRedis(int port) {
            this.port = port;
        }

        static OwnRedis start() throws Exception {
            Path binary = Path.of("/usr/bin/redis-server");
            if (!Files.isExecutable(binary)) {
                unavailable("redis-server not found at " + binary + " (apt-get install redis-server)");
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            OwnRedis redis = new OwnRedis(port);
            redis.restart();
            return redis;
        }

        String url() {
            return "redis://127.0.0.1:" + port;
        }

        /** Starts it (again) on its port and waits until it answers PING. */
        void restart() throws Exception {
            process = new ProcessBuilder("/usr/bin/redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!redisAnswers(port)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("redis-server on port " + port + " did not answer within 20 s");
                }
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(20); // polling a start-up, not asserting after a sleep
            }
        }

        /** SIGKILL, and waits for the process to be gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null && process.isAlive()) {
                kill();
            }
        }
    }
}
