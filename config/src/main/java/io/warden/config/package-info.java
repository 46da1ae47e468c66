/**
 * Strict reading of Warden's configuration and of any YAML or JSON input bound to records.
 *
 * <p>{@link io.warden.config.ConfigMapper} binds text to immutable records: unknown keys are
 * errors that name the nearest valid key, durations are written {@code 500ms}, {@code 5s},
 * {@code 2m} ({@link io.warden.config.Durations}), sizes {@code 10MB} ({@link io.warden.config.DataSize}),
 * and every failure is a {@link io.warden.config.ConfigException} naming the file, the line and
 * the key. An unknown key is reported before the key it was meant to be is found missing; a
 * record's refusal of one of its keys ({@link io.warden.config.FieldRefusal}) is reported at that
 * key; syntax errors name the line, the column and what was expected.
 *
 * <p>Also the few plain-text forms written without a library, by the API and the command line
 * alike: {@link io.warden.config.JsonText} and {@link io.warden.config.TextTable}.
 */
package io.warden.config;
