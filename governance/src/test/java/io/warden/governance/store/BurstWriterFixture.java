package io.warden.governance.store;

import io.warden.governance.GovernanceConfig;
import io.warden.governance.GovernanceService;
import io.warden.governance.Samples;
import io.warden.governance.assessment.Assessment;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture run as its own JVM: writes assessments from four threads in a loop and prints
 * {@code ACK <id>} after each write the store acknowledged, until it is killed (or, as a safety
 * net, after 60 seconds or 20,000 writes). Arguments: the JDBC URL.
 */
public final class BurstWriterFixture {

    private BurstWriterFixture() {
    }

    public static void main(String[] args) throws Exception {
        GovernanceStore store = GovernanceStore.open(args[0]);
        GovernanceService service = new GovernanceService(store, GovernanceConfig.DEFAULTS, InstantSource.system());
        long deadline = System.nanoTime() + 60_000_000_000L;
        AtomicInteger written = new AtomicInteger();
        Thread[] writers = new Thread[4];
        for (int t = 0; t < writers.length; t++) {
            int thread = t;
            writers[t] = Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < deadline && written.incrementAndGet() < 20_000) {
                    Assessment created = service.create(Samples.ERIN,
                            Samples.complete("burst-" + thread, 1 + thread % 5, 2));
                    synchronized (System.out) {
                        System.out.println("ACK " + created.id());
                        System.out.flush();
                    }
                }
            });
        }
        for (Thread writer : writers) {
            writer.join();
        }
        store.close();
    }
}
