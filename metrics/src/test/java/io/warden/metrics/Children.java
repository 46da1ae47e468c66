package io.warden.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Real child processes for tests (POSIX sh), each stopped with its whole tree on close.
 * Thread safety: for use by one test at a time.
 */
final class Children implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    /** A shell running the script; the script's own children are the grandchildren. */
    Process sh(String script) throws IOException {
        Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    /** A child that burns one core. */
    Process busy() throws IOException {
        return sh("while :; do :; done");
    }

    /** A child that sleeps. */
    Process idle() throws IOException {
        return sh("exec sleep 120");
    }

    /** A shell child whose own child (the test's grandchild) runs the script, waited for. */
    Process withGrandchild(String grandchildScript) throws IOException {
        return sh("sh -c '" + grandchildScript + "' & wait");
    }

    /**
     * A Python child whose second thread starts a {@code sleep} and stays alive: the grandchild's
     * parent is that thread, so Linux lists it in the thread's children, not the main thread's.
     */
    Process withGrandchildOfASecondThread() throws IOException {
        String script = "import subprocess, threading, time\n"
                + "def spawn():\n"
                + "    subprocess.Popen(['sleep', '120'])\n"
                + "    time.sleep(120)\n"
                + "threading.Thread(target=spawn, daemon=True).start()\n"
                + "time.sleep(120)\n";
        Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    static TrackedProcess tracked(String name, Process process) {
        return TrackedProcess.of(name, process.toHandle());
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
