package io.warden.api.limit;

/** The contract on buckets in this process; its "second instance" is the same map (one process). */
class LocalBucketsTest extends BucketStoreContract {

    private LocalBuckets shared;

    @Override
    BucketStore open(HandMeter time) {
        if (shared == null) {
            shared = new LocalBuckets(time);
        }
        return shared;
    }
}
