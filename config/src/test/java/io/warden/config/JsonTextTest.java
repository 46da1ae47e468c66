package io.warden.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void quotesAndControlCharacters_areEscaped_andReadBackAsTheSameText() throws Exception {
        String text = "say \"hi\" \\ to\ttab\nline\r\u0001\u001f é ☃";

        String json = JsonText.quote(new StringBuilder(), text).toString();

        assertThat(json).isEqualTo("\"say \\\"hi\\\" \\\\ to\\ttab\\nline\\r\\u0001\\u001f é ☃\"");
        assertThat(new ObjectMapper().readValue(json, String.class)).isEqualTo(text);
    }
}
