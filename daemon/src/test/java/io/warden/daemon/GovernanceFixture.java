package io.warden.daemon;

import io.warden.daemon.TestDaemon.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

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

    /** The daemon; {@code storageUrl} is asked for before each test, and null keeps the SQLite default. */
    static TestDaemon daemon(Supplier<String> storageUrl) {
        return TestDaemon.withTokens(
                        new Token("ann", AUTHOR, "admin", "developer", "lead"),
                        new Token("lee", LEAD, "admin", "lead"),
                        new Token("quinn", QA, "admin", "qa"),
                        new Token("sam", SECURITY, "admin", "security"),
                        new Token("vic", VIEWER, "read"),
                        new Token("al", ALIEN, "admin", "cfo"))
                .config(dir -> {
                    String url = storageUrl.get();
                    return """
                            rateLimits:
                              read: {capacity: 10000, refill: 10000, period: 1s}
                              write: {capacity: 10000, refill: 10000, period: 1s}
                            """ + (url == null ? "" : "storage:\n  url: \"" + url + "\"\n");
                });
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
