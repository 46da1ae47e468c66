package io.warden.governance.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.warden.governance.GovernanceException;

/**
 * The compact JSON of recently rendered immutable values of one type, by instance. A write of an
 * assessment stores its content, logs it (a creation) and answers with it, and submit and approve
 * keep the content instance of the version before; a decision is logged and then answered with
 * the assessment until it is closed. Rendering each once instead of at every step is most of the
 * JSON work of a write. The values are immutable records, so an instance's JSON never changes.
 *
 * <p>Two-way set associative by identity hash: a lookup is two array reads and reference
 * comparisons; a set keeps its two latest renders, and a value pushed out only costs a render
 * again. Bounded ({@value #SLOTS} slots, texts up to {@value #MAX_CHARS} characters; a longer one is
 * rendered each time). Thread safe: a slot is an immutable record replaced whole, so a reader sees
 * a complete slot or an older one (then it renders again).
 *
 * @param <T> the type of the values, an immutable record
 */
final class InstanceJson<T> {

    static final int SLOTS = 512;
    static final int MAX_CHARS = 8_192;

    /** The JSON as a SerializedString, which also keeps its UTF-8 bytes once asked for them. */
    private record Slot(Object value, SerializedString json) {
    }

    private final ObjectWriter writer;
    private final Slot[] slots = new Slot[SLOTS];

    /** Renders with {@code writer}, which must write compact JSON of {@code T}. */
    InstanceJson(ObjectWriter writer) {
        this.writer = writer;
    }

    /** The compact JSON of {@code value}. */
    String of(T value) {
        return raw(value).getValue();
    }

    /** As {@link #of}, for a generator to copy as it is (its UTF-8 bytes are kept after the first copy). */
    SerializableString raw(T value) {
        int set = (System.identityHashCode(value) & (SLOTS / 2 - 1)) * 2;
        Slot older = slots[set];
        Slot newer = slots[set + 1];
        if (newer != null && newer.value() == value) {
            return newer.json();
        }
        if (older != null && older.value() == value) {
            return older.json();
        }
        SerializedString json;
        try {
            json = new SerializedString(writer.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new GovernanceException("cannot write " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (json.charLength() <= MAX_CHARS) {
            slots[set] = newer;
            slots[set + 1] = new Slot(value, json);
        }
        return json;
    }
}
