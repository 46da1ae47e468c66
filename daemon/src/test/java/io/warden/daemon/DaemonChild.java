package io.warden.daemon;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A daemon in a process of its own, for tests that kill it with SIGKILL: {@code DaemonChild CONFIG}
 * starts a daemon on the config (state dir {@code .warden} beside it), prints {@code ready PORT}
 * and runs until killed; SIGTERM closes it cleanly.
 */
final class DaemonChild {

    private DaemonChild() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]).toAbsolutePath();
        Daemon daemon = Daemon.start(WardenConfig.load(config), config.getParent(), config.getParent().resolve(".warden"),
                "test-child", "test");
        Runtime.getRuntime().addShutdownHook(new Thread(daemon::close));
        System.out.println("ready " + daemon.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
