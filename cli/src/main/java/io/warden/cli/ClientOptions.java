package io.warden.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options every command that talks to the daemon shares: which daemon, by its state dir, and
 * as whom: the admin token of the state dir unless {@code --token-file} or {@code WARDEN_TOKEN}
 * gives a person's own token (approvals are made by people, with their roles, not by "admin").
 */
final class ClientOptions {

    private ClientOptions() {
    }

    static List<Option> with(Option... own) {
        List<Option> options = new ArrayList<>(List.of(own));
        options.add(Option.value("--state-dir", "DIR", "The daemon's state dir (default: .warden beside "
                + "--config or ./warden.yaml)."));
        options.add(Option.value("--config", "FILE", "The daemon's config file, to find its state dir.").alias("-c"));
        options.add(Option.value("--token-file", "FILE", "Call as the user of this API token (default: $WARDEN_TOKEN,"
                + " else the state dir's admin token)."));
        return options;
    }

    static Path stateDir(Args args) {
        return StateDirs.forClient(args.path("--state-dir").orElse(null), args.path("--config").orElse(null));
    }

    static DaemonClient connect(Args args) {
        return DaemonClient.connect(stateDir(args), token(args));
    }

    /** The token to call with, or null for the state dir's admin token. */
    private static String token(Args args) {
        Path file = args.path("--token-file").orElse(null);
        if (file != null) {
            try {
                String token = java.nio.file.Files.readString(file).strip();
                if (token.isEmpty()) {
                    throw new CliException("the token file " + file.toAbsolutePath() + " is empty");
                }
                return token;
            } catch (java.io.IOException e) {
                throw new CliException("cannot read the token file " + file.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        String env = System.getenv("WARDEN_TOKEN");
        return env == null || env.isBlank() ? null : env.strip();
    }
}
