package io.warden.cli;

import java.nio.file.Path;

/** Where state lives when no flag says: the same place for `run` and for `up` started beside its config. */
final class StateDirs {

    static final String DEFAULT = ".warden";

    private StateDirs() {
    }

    static Path forRun(Path flag) {
        if (flag != null) {
            return flag;
        }
        String env = System.getenv("WARDEN_STATE_DIR");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(DEFAULT);
    }

    /**
     * For commands that talk to a daemon or read its state: {@code --state-dir}, else beside
     * {@code --config}, else beside ./warden.yaml when it exists, else as for {@code run}.
     */
    static Path forClient(Path stateFlag, Path configFlag) {
        if (stateFlag != null) {
            return stateFlag;
        }
        if (configFlag != null) {
            return forDaemon(null, configFlag);
        }
        if (java.nio.file.Files.exists(Path.of("warden.yaml"))) {
            return forDaemon(null, Path.of("warden.yaml"));
        }
        return forRun(null);
    }

    /** Beside the config file, or in the current directory when there is none. */
    static Path forDaemon(Path flag, Path configFile) {
        if (flag != null) {
            return flag;
        }
        Path base = configFile == null ? Path.of("") : configFile.toAbsolutePath().getParent();
        return base.resolve(DEFAULT);
    }
}
