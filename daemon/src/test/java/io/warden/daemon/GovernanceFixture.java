package io.warden.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A daemon for governance tests: API on an ephemeral port, no services, generous rate limits, and
 * one token per person of the review: an author (developer and lead, so that only the self-approval
 * rule stops them approving), a lead, a qa, a security reviewer, a read-only viewer, and a user
 * whose role the approval matrix does not know.
 */
final class GovernanceFixture {

    static final String AUTHOR = "author-token-0123456789";
    static final String LEAD = "lead-token-0123456789ab";
    static final String QA = "qa-token-0123456789abcd";
    static final String SECURITY = "security-token-01234567";
    static final String VIEWER = "viewer-token-0123456789";
    static final String ALIEN = "alien-token-01234567890";

    private GovernanceFixture() {
    }

    /** Writes warden.yaml in {@code dir}; {@code storageUrl} null keeps the SQLite default. */
    static Path config(Path dir, String storageUrl) throws IOException {
        return Files.writeString(dir.resolve("warden.yaml"), """
                server:
                  port: 0
                auth:
                  tokens:
                    - {user: ann, token: %s, scope: admin, roles: [developer, lead]}
                    - {user: lee, token: %s, scope: admin, roles: [lead]}
                    - {user: quinn, token: %s, scope: admin, roles: [qa]}
                    - {user: sam, token: %s, scope: admin, roles: [security]}
                    - {user: vic, token: %s, scope: read}
                    - {user: al, token: %s, scope: admin, roles: [cfo]}
                rateLimits:
                  read: {capacity: 10000, refill: 10000, period: 1s}
                  write: {capacity: 10000, refill: 10000, period: 1s}
                %s""".formatted(AUTHOR, LEAD, QA, SECURITY, VIEWER, ALIEN,
                storageUrl == null ? "" : "storage:\n  url: \"" + storageUrl + "\"\n"));
    }

    /** A daemon on the config {@link #config} wrote. */
    static Daemon start(Path dir, String storageUrl) throws IOException {
        return TestDaemons.start(config(dir, storageUrl));
    }

    /** The text of an example assessment of the repository ({@code process-management.yaml}). */
    static String example(String name) throws IOException {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("examples/assessments").resolve(name);
            if (Files.exists(file)) {
                return Files.readString(file);
            }
        }
        throw new IOException("examples/assessments/" + name + " not found above " + here);
    }
}
