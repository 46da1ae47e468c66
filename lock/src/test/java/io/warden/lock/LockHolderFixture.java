package io.warden.lock;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A separate process that races for a lock: waits for a start gate file, tries once, prints
 * {@code ACQUIRED <pid>} and holds until its stdin closes, or prints {@code REFUSED <message>}
 * and exits 3.
 */
public final class LockHolderFixture {

    public static void main(String[] args) throws Exception {
        Path stateDir = Path.of(args[0]);
        String name = args[1];
        Path gate = args.length > 2 ? Path.of(args[2]) : null;
        while (gate != null && !Files.exists(gate)) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        try (InstanceLock lock = InstanceLock.acquire(stateDir, name,
                PidRecord.ofCurrentProcess("LockHolderFixture", 4000, "test"))) {
            System.out.println("ACQUIRED " + ProcessHandle.current().pid());
            System.out.flush();
            System.in.read();
        } catch (AlreadyRunningException e) {
            System.out.println("REFUSED " + e.getMessage());
            System.out.flush();
            System.exit(3);
        }
    }
}
