package io.warden.metrics;

/**
 * Told about each sample after it is published. Called on the sampler thread, in subscription
 * order: return quickly and hand heavy work (such as writing to sockets) to another thread. An
 * exception is counted and logged, and the listener stays subscribed; a slow listener delays
 * the next tick but never stops sampling.
 */
@FunctionalInterface
public interface SampleListener {

    /** Called with each new sample. */
    void onSample(Sample sample);
}
