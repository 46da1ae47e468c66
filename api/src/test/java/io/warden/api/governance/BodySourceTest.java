package io.warden.api.governance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodySourceTest {

    @Test
    void theFileNameOfContentDisposition_namesTheBody_inEachForm() {
        assertThat(BodySource.of("inline; filename*=UTF-8''plans%2Ffix%20%C3%A9%2B1.yaml")).isEqualTo("plans/fix é+1.yaml");
        assertThat(BodySource.of("attachment; filename=\"my \\\"fix\\\".yaml\"")).isEqualTo("my \"fix\".yaml");
        assertThat(BodySource.of("inline;filename=fix.yaml")).isEqualTo("fix.yaml");
        assertThat(BodySource.of("inline; filename=\"plain.yaml\"; filename*=UTF-8''better.yaml")).isEqualTo("better.yaml");
    }

    @Test
    void noNameAnEmptyOneOrABrokenEscape_isTheRequestBody_andControlCharactersAreDropped() {
        assertThat(BodySource.of(null)).isEqualTo("request body");
        assertThat(BodySource.of("inline")).isEqualTo("request body");
        assertThat(BodySource.of("inline; filename=\"\"")).isEqualTo("request body");
        assertThat(BodySource.of("inline; filename*=UTF-8''%zz; filename=ok.yaml")).isEqualTo("ok.yaml");
        assertThat(BodySource.of("inline; filename*=UTF-8''a.yaml%0Awarden.yaml%3A1")).isEqualTo("a.yamlwarden.yaml:1");
        assertThat(BodySource.of("inline; filename=" + "d/".repeat(200) + "x.yaml")).startsWith("...").hasSize(258);
    }
}
