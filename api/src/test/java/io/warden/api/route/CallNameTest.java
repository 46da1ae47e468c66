package io.warden.api.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CallNameTest {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Test
    void aName_isWhatTheDocumentedPatternAccepts() {
        List<String> samples = List.of("", "a", "Z", "0", "web-1", "a.b_c-d", "4f0c2a8e-7c1b-4b7e-9a57-2d3c1f0e9b11",
                "-a", ".a", "_a", "a/b", "a b", "..", "a..", "é", "a%2e", "x".repeat(64), "x".repeat(65), "a\n");
        for (String sample : samples) {
            assertThat(Call.isName(sample)).as(sample).isEqualTo(NAME.matcher(sample).matches());
        }
    }
}
