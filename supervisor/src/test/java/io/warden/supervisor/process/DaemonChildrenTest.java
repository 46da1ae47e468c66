package io.warden.supervisor.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DaemonChildrenTest {

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void listsChildrenStartedFromAnyThread_notGrandchildren() throws Exception {
        started.add(new ProcessBuilder("sleep", "1000").start());
        // Started from another thread: on Linux the kernel lists a child under the thread that forked it.
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                started.add(new ProcessBuilder("/bin/sh", "-c", "sleep 1000 & wait").start());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        other.join();
        await().atMost(Duration.ofSeconds(30)).until(() -> started.get(1).descendants().findAny().isPresent());

        Set<Long> listed = DaemonChildren.list().map(ProcessHandle::pid).collect(Collectors.toSet());

        assertThat(listed).contains(started.get(0).pid(), started.get(1).pid())
                .doesNotContain(started.get(1).descendants().findFirst().orElseThrow().pid());
    }
}
