package io.warden.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every command that talks to the daemon shares: which daemon, by its state dir. */
final class ClientOptions {

    private ClientOptions() {
    }

    static List<Option> with(Option... own) {
        List<Option> options = new ArrayList<>(List.of(own));
        options.add(Option.value("--state-dir", "DIR", "The daemon's state dir (default: .warden beside "
                + "--config or ./warden.yaml)."));
        options.add(Option.value("--config", "FILE", "The daemon's config file, to find its state dir.").alias("-c"));
        return options;
    }

    static Path stateDir(Args args) {
        return StateDirs.forClient(args.path("--state-dir").orElse(null), args.path("--config").orElse(null));
    }

    static DaemonClient connect(Args args) {
        return DaemonClient.connect(stateDir(args));
    }
}
