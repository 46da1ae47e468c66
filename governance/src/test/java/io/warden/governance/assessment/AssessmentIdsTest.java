package io.warden.governance.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AssessmentIdsTest {

    @Test
    void anId_isAVersion7Uuid_carryingItsCreationMillisecond() {
        long millis = Instant.parse("2026-11-22T06:30:00.123Z").toEpochMilli();
        UUID id = UUID.fromString(new AssessmentIds(InstantSource.fixed(Instant.ofEpochMilli(millis))).get());

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsOfLaterMilliseconds_sortAfterEarlierOnes_asText() {
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-22T06:30:00Z").toEpochMilli());
        AssessmentIds ids = new AssessmentIds(() -> Instant.ofEpochMilli(now.getAndAdd(1)));
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            made.add(ids.get());
        }

        assertThat(made).isSorted();
    }

    @Test
    void idsOfOneMillisecond_areAllDifferent() {
        AssessmentIds ids = new AssessmentIds(InstantSource.fixed(Instant.parse("2026-11-22T06:30:00Z")));
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(ids.get());
        }

        assertThat(seen).hasSize(10_000);
    }
}
