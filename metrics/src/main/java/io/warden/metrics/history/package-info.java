/**
 * Bounded history of metric series for charts: one fixed-size ring buffer of primitive
 * {@code int} timestamps (milliseconds after a base) and {@code float} values per series, no
 * boxing and no growth.
 *
 * <p>{@link io.warden.metrics.history.SeriesBuffer} holds one series;
 * {@link io.warden.metrics.history.History} names them ({@code cpu.total},
 * {@code service.backend.rss}, ...). Each series costs {@code 8 * capacity} bytes of arrays plus
 * a fixed overhead (see {@link io.warden.metrics.history.SeriesBuffer#bytesFor(int)}): 28.9 kB
 * for the default hour at one point per second.
 *
 * <p>Thread safety: any number of readers may query while writers append; a reader sees a
 * consistent, ordered copy and never waits for more than one append.
 */
package io.warden.metrics.history;
