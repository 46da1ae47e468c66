package io.warden.api.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BucketStore} must do, run on local, Redis and PostgreSQL buckets. Clients are
 * named afresh per test, so runs sharing one Redis or database never meet.
 */
abstract class BucketStoreContract {

    /** Three at once, one more every second. */
    static final Limit THREE = Limit.of(3, 1, Duration.ofSeconds(1));

    final HandMeter time = new HandMeter();
    final String client = "10.0.0." + UUID.randomUUID();
    private final List<BucketStore> opened = new ArrayList<>();

    /** A store on the backend under test; a second call is a second API instance on the same backend. */
    abstract BucketStore open(HandMeter time);

    BucketStore store() {
        if (opened.isEmpty()) {
            opened.add(open(time));
        }
        return opened.getFirst();
    }

    BucketStore secondInstance() {
        BucketStore second = open(time);
        opened.add(second);
        return second;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(BucketStore::close);
    }

    @Test
    void tryConsume_allowsTheBurst_thenRefusesWithTheWaitUntilTheNextToken() {
        BucketStore store = store();

        List<Decision> burst = List.of(store.tryConsume(RateClass.READ, client, THREE),
                store.tryConsume(RateClass.READ, client, THREE), store.tryConsume(RateClass.READ, client, THREE));
        Decision refused = store.tryConsume(RateClass.READ, client, THREE);

        assertThat(burst).extracting(Decision::allowed).containsOnly(true);
        assertThat(burst).extracting(Decision::remaining).containsExactly(2L, 1L, 0L);
        assertThat(refused).isEqualTo(new Decision(false, 3, 0, 3, 1));
    }

    @Test
    void tryConsume_refillsAsTimeGoesOn() {
        BucketStore store = store();
        for (int i = 0; i < 3; i++) {
            store.tryConsume(RateClass.READ, client, THREE);
        }
        assertThat(store.tryConsume(RateClass.READ, client, THREE).allowed()).isFalse();

        time.advance(Duration.ofSeconds(1));

        assertThat(store.tryConsume(RateClass.READ, client, THREE).allowed()).isTrue();
        assertThat(store.tryConsume(RateClass.READ, client, THREE).allowed()).isFalse();
    }

    @Test
    void twoInstancesOnOneStore_limitAClientAlternatingBetweenThemAsOne() {
        BucketStore first = store();
        BucketStore second = secondInstance();

        List<Boolean> allowed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            allowed.add((i % 2 == 0 ? first : second).tryConsume(RateClass.WRITE, client, THREE).allowed());
        }

        assertThat(allowed).containsExactly(true, true, true, false, false, false, false, false);
    }

    @Test
    void eachClassAndEachClient_haveTheirOwnBucket() {
        BucketStore store = store();
        for (int i = 0; i < 3; i++) {
            store.tryConsume(RateClass.READ, client, THREE);
        }

        assertThat(store.tryConsume(RateClass.READ, client, THREE).allowed()).isFalse();
        assertThat(store.tryConsume(RateClass.WRITE, client, THREE).allowed()).isTrue();
        assertThat(store.tryConsume(RateClass.READ, client + "-other", THREE).allowed()).isTrue();
    }

    @Test
    void aChangedLimit_reachesAnEmptiedBucketAtOnce() {
        BucketStore store = store();
        for (int i = 0; i < 3; i++) {
            store.tryConsume(RateClass.READ, client, THREE);
        }

        Decision raised = store.tryConsume(RateClass.READ, client, Limit.of(10, 5, Duration.ofSeconds(1)));

        assertThat(raised.allowed()).isTrue();
        assertThat(raised.limit()).isEqualTo(10);
        assertThat(raised.remaining()).isEqualTo(9);
    }

    @Test
    void health_isUpAndNamesTheStore() {
        BucketStore store = store();
        store.tryConsume(RateClass.READ, client, THREE);

        assertThat(store.health().up()).isTrue();
        assertThat(store.health().detail()).isEqualTo(store.describe());
    }
}
