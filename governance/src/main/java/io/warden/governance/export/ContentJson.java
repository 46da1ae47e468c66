package io.warden.governance.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.warden.governance.GovernanceException;
import io.warden.governance.assessment.AssessmentContent;

/**
 * The compact JSON of recently rendered contents, by instance. A write of an assessment stores its
 * content, logs it (a creation) and answers with it; submit and approve keep the content instance
 * of the version before. Rendering it once instead of at each of those steps is most of the JSON
 * work of a write. Contents are immutable records, so an instance's JSON never changes.
 *
 * <p>Direct-mapped by identity hash: a lookup is an array read and a reference comparison, and a
 * collision only costs a render. Bounded ({@value #SLOTS} slots, texts up to {@value #MAX_CHARS}
 * characters; a longer one is rendered each time). Thread safe: a slot is an immutable record
 * replaced whole, so a reader sees a complete slot or an older one (then it renders again).
 */
final class ContentJson {

    static final int SLOTS = 512;
    static final int MAX_CHARS = 8_192;

    /** The JSON as a SerializedString, which also keeps its UTF-8 bytes once asked for them. */
    private record Slot(AssessmentContent content, SerializedString json) {
    }

    private final ObjectWriter writer;
    private final Slot[] slots = new Slot[SLOTS];

    /** Renders with {@code writer}, which must write compact JSON of {@link AssessmentContent}. */
    ContentJson(ObjectWriter writer) {
        this.writer = writer;
    }

    /** The compact JSON of {@code content}. */
    String of(AssessmentContent content) {
        return raw(content).getValue();
    }

    /** As {@link #of}, for a generator to copy as it is (its UTF-8 bytes are kept after the first copy). */
    SerializableString raw(AssessmentContent content) {
        int index = System.identityHashCode(content) & (SLOTS - 1);
        Slot slot = slots[index];
        if (slot != null && slot.content() == content) {
            return slot.json();
        }
        SerializedString json;
        try {
            json = new SerializedString(writer.writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new GovernanceException("cannot write the assessment content as JSON: " + e.getOriginalMessage(),
                    e);
        }
        if (json.charLength() <= MAX_CHARS) {
            slots[index] = new Slot(content, json);
        }
        return json;
    }
}
