/**
 * Rate limiting: token buckets per client key and {@link io.warden.api.limit.RateClass}.
 *
 * <p>Two decisions, one above the other. Which bucket a request draws from (a user's, an address's,
 * a class) is the caller's ({@code route.Guard}); where that bucket lives is a
 * {@link io.warden.api.limit.BucketStore}'s: {@link io.warden.api.limit.LocalBuckets} in this
 * process, or Redis or PostgreSQL through Bucket4j's proxy managers when several API instances
 * must limit a client as one ({@code rateLimits.store}). A shared store always sits behind
 * {@code FallbackBuckets}: a draw that fails (refused at once while disconnected, or after 500 ms)
 * is decided by {@link io.warden.api.limit.StoreFallback} and the store is tried again every
 * 500 ms, so an outage costs a request at most that timeout and never an error. Shared keys carry
 * the limit's shape (a changed limit applies at once) and expire once the bucket would be full
 * again. One contract suite, {@code BucketStoreContract}, runs on every store.
 */
package io.warden.api.limit;
