package io.warden.governance.assessment;

import java.time.InstantSource;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Ids of new assessments: version 7 UUIDs (RFC 9562), whose first 48 bits are the creation time in
 * Unix milliseconds and the rest random. The ids are the primary key of every governance table
 * (assessments, decisions, audit entries are keyed by the assessment's id): random version 4 ids put
 * each new assessment on a random page of every index, so a write touched and re-read pages all over
 * a growing database; time-ordered ids append at the end of each index, where the pages are in cache.
 * The ids also sort in creation order.
 */
public final class AssessmentIds implements Supplier<String> {

    private final InstantSource clock;

    public AssessmentIds(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public String get() {
        return of(clock.millis(), UUID.randomUUID()).toString();
    }

    /** The version 7 UUID of {@code unixMillis} with the random bits of {@code random} (a version 4 UUID). */
    static UUID of(long unixMillis, UUID random) {
        long timeAndVersion = (unixMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000
                | random.getMostSignificantBits() & 0x0FFF;
        // The low half of a version 4 UUID already carries the RFC variant bits (10).
        return new UUID(timeAndVersion, random.getLeastSignificantBits());
    }
}
