package io.warden.config;

/**
 * An exception a record's constructor throws to refuse one of its own keys, naming it, so the
 * mapper reports the line and the full path of that key ({@code risks[0].likelihood}) rather than
 * of the whole record ({@code risks[0]}). Domain exceptions implement it; the config module
 * knows nothing else about them.
 */
public interface FieldRefusal {

    /**
     * The refused key relative to the record being built: {@code likelihood}, {@code rules.high},
     * {@code [2]}; empty for the record as a whole, and the record's own key when it names itself.
     */
    String field();
}
