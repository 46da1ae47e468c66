package io.warden.alerts.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {

    @Test
    void parse_matchersInBothQuotes_keepsEach() {
        Selector selector = Selector.parse("http_requests_total{code=~'5..', method!=\"GET\"}");
        assertThat(selector.metric()).isEqualTo("http_requests_total");
        assertThat(selector.matchers()).hasToString("[code=~\"5..\", method!=\"GET\"]");
        assertThat(selector.matches("http_requests_total", Map.of("code", "503", "method", "POST"))).isTrue();
        assertThat(selector.matches("http_requests_total", Map.of("code", "503", "method", "GET"))).isFalse();
        assertThat(selector.matches("other", Map.of("code", "503"))).isFalse();
    }

    @Test
    void parse_regexIsAnchored() {
        Selector selector = Selector.parse("x{code=~\"5\"}");
        assertThat(selector.matches("x", Map.of("code", "500"))).isFalse();
        assertThat(selector.matches("x", Map.of("code", "5"))).isTrue();
    }

    @Test
    void parse_badMatcher_saysWhereAndTheForm() {
        assertThatThrownBy(() -> Selector.parse("x{code~\"5\"}"))
                .hasMessageContaining("cannot read the label matcher at 'code~\"5\"'")
                .hasMessageContaining("label=~\"regex\"");
        assertThatThrownBy(() -> Selector.parse("x{code=~\"(\"}"))
                .hasMessageContaining("'(' is not a valid regular expression");
        assertThatThrownBy(() -> Selector.parse("9x")).hasMessageContaining("is not a series selector");
    }
}
