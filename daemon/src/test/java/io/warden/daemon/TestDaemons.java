package io.warden.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts real daemons for tests: {@code warden.yaml} written into a folder, state in its {@code .warden}. */
final class TestDaemons {

    private TestDaemons() {
    }

    /** Writes {@code yaml} as {@code dir/warden.yaml} and starts a daemon on it. */
    static Daemon start(Path dir, String yaml) throws IOException {
        return start(Files.writeString(dir.resolve("warden.yaml"), yaml));
    }

    /** Starts a daemon on a config file, with its folder as base dir and state in {@code .warden} beside it. */
    static Daemon start(Path config) {
        Path dir = config.toAbsolutePath().getParent();
        return Daemon.start(WardenConfig.load(config), dir, dir.resolve(".warden"), "test", "test");
    }
}
