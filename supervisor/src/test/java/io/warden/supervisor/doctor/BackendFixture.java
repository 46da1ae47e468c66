package io.warden.supervisor.doctor;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A backend stand-in: {@code BackendFixture PORT}. Listens on PORT only when {@code LISTEN=1} is
 * in its environment (so copies share one command line and only one holds the port), writes the
 * file named by {@code READY_FILE} once set up, then waits to be stopped.
 */
public final class BackendFixture {

    public static void main(String[] args) throws Exception {
        ServerSocket socket = null;
        if ("1".equals(System.getenv("LISTEN"))) {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(Integer.parseInt(args[0])));
        }
        String ready = System.getenv("READY_FILE");
        if (ready != null) {
            Files.writeString(Path.of(ready), Long.toString(ProcessHandle.current().pid()));
        }
        Thread.sleep(Long.MAX_VALUE);
        socket.close();
    }
}
