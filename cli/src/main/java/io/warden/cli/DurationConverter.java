package io.warden.cli;

import io.warden.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/** Flags take durations in the config's form: 500ms, 10s, 2m. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return Durations.parse(value);
    }
}
