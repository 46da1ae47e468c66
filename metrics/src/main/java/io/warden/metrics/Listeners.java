package io.warden.metrics;

import java.lang.System.Logger.Level;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The subscribed listeners, called in order on the publishing thread. A listener that throws is
 * counted and logged (the first time, and then every 1000th, so a broken one cannot flood the
 * log) and stays subscribed. Thread safety: subscribing and unsubscribing are safe from any
 * thread, also from inside a listener.
 */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final CopyOnWriteArrayList<SampleListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong failures = new AtomicLong();

    MetricsSampler.Subscription add(SampleListener listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        // A wrapper per subscription, so the same listener subscribed twice is removed once per close.
        SampleListener entry = listener::onSample;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    void publish(Sample sample) {
        for (SampleListener listener : listeners) {
            try {
                listener.onSample(sample);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                long count = failures.incrementAndGet();
                if (count == 1 || count % 1000 == 0) {
                    LOG.log(Level.WARNING, "a metrics listener failed on sample " + sample.sequence()
                            + " (" + count + " failures so far); it stays subscribed", e);
                }
            }
        }
    }

    long failures() {
        return failures.get();
    }

    int size() {
        return listeners.size();
    }
}
