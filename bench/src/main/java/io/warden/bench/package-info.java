/** Benchmarks; run through the scripts in {@code bench/}, results in BENCHMARKS.md. */
package io.warden.bench;
