package io.warden.alerts.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.alerts.rule.Selector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExpositionTest {

    private static String fixture() throws IOException {
        try (InputStream in = ExpositionTest.class.getResourceAsStream("uvicorn.prom")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void sum_regexMatcher_addsEveryMatchingSeries() throws IOException {
        assertThat(Exposition.sum(fixture(), Selector.parse("http_requests_total{code=~\"5..\"}"))).isEqualTo(7);
    }

    @Test
    void sum_noMatchers_addsAllSeriesOfTheName() throws IOException {
        assertThat(Exposition.sum(fixture(), Selector.parse("http_requests_total"))).isEqualTo(1046);
    }

    @Test
    void sum_exactAndNegativeMatchers_combine() throws IOException {
        assertThat(Exposition.sum(fixture(), Selector.parse("http_requests_total{method='POST',code!='429'}")))
                .isEqualTo(4);
        assertThat(Exposition.sum(fixture(), Selector.parse("http_requests_total{code!~'2..|5..'}")))
                .isEqualTo(12);
    }

    @Test
    void sum_scientificNotationAndEscapedLabels_areRead() throws IOException {
        assertThat(Exposition.sum(fixture(), Selector.parse("process_resident_memory_bytes"))).isEqualTo(4.2e7);
        assertThat(Exposition.sum(fixture(),
                Selector.parse("http_request_duration_seconds_bucket{path=\"/a \\\"quoted\\\" path\",le=\"+Inf\"}")))
                .isEqualTo(12);
    }

    @Test
    void sum_nothingMatches_isNaN() throws IOException {
        assertThat(Exposition.sum(fixture(), Selector.parse("http_requests_total{code=\"418\"}"))).isNaN();
        assertThat(Exposition.sum(fixture(), Selector.parse("queue_depth"))).isNaN();
        assertThat(Exposition.sum(fixture(), Selector.parse("temperature_celsius"))).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void sum_brokenLine_namesTheLine() {
        assertThatThrownBy(() -> Exposition.sum("# ok\nup{job=\"x} 1\n", Selector.parse("up")))
                .hasMessage("line 2 of the exposition: label value of 'job' not closed with '\"'");
        assertThatThrownBy(() -> Exposition.sum("up one\n", Selector.parse("up")))
                .hasMessage("line 1 of the exposition: 'one' is not a sample value");
    }
}
