package io.warden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListenerWatchTest {

    private static final Duration OFTEN = Duration.ofMillis(20);

    @Test
    void aPortNothingListensOn_isLost() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        AtomicInteger lost = new AtomicInteger();
        try (ListenerWatch watch = new ListenerWatch("127.0.0.1", port, lost::incrementAndGet)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> lost.get() == 1);
        }
    }

    @Test
    void aSocketLayerThatCannotInitialise_isLost_theKnocksDoNotJustStop() throws Exception {
        AtomicInteger lost = new AtomicInteger();
        ListenerWatch.Knock broken = (address, timeout) -> {
            throw new NoClassDefFoundError("Could not initialize class sun.nio.ch.Poller");
        };
        try (ListenerWatch watch = new ListenerWatch("127.0.0.1", 9, lost::incrementAndGet, broken, OFTEN)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> lost.get() == 1);
        }
    }

    @Test
    void connectsThatFailOtherwise_sayNothing_andTheKnockingGoesOn() throws Exception {
        AtomicInteger knocks = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        ListenerWatch.Knock outOfDescriptors = (address, timeout) -> {
            if (knocks.incrementAndGet() % 2 == 0) {
                throw new IllegalStateException("odd failure");
            }
            throw new SocketException("Too many open files");
        };
        try (ListenerWatch watch = new ListenerWatch("127.0.0.1", 9, lost::incrementAndGet, outOfDescriptors,
                OFTEN)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> knocks.get() >= 10);
        }
        assertThat(lost).hasValue(0);
    }
}
