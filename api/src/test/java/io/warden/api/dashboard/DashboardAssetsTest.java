package io.warden.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DashboardAssetsTest {

    private final DashboardAssets assets = DashboardAssets.load();

    @Test
    void load_findsEveryFile_andVersionsEveryLinkAndImport() {
        assertThat(assets.all()).containsKeys("index.html", "app.js", "uplot.js", "uplot.css", "icon.svg");
        for (DashboardAssets.Asset asset : assets.all().values()) {
            String text = new String(asset.body(), StandardCharsets.UTF_8);
            assertThat(text).as(asset.name()).doesNotContain("@VERSION@");
            if (asset.name().endsWith(".js") && !asset.name().startsWith("uplot")) {
                assertThat(text).as(asset.name() + " imports").doesNotContainPattern("from '\\./[a-z]+\\.js'");
            }
        }
        assertThat(new String(assets.find("index.html").orElseThrow().body(), StandardCharsets.UTF_8))
                .contains("/ui/app.js?v=" + assets.version());
    }

    @Test
    void theModules_neverParseHtmlNorUseInlineStyle() {
        for (DashboardAssets.Asset asset : assets.all().values()) {
            if (asset.name().endsWith(".js") && !asset.name().startsWith("uplot")) {
                String text = new String(asset.body(), StandardCharsets.UTF_8);
                assertThat(text).as(asset.name()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                        "document.write", "eval(", "setAttribute('style'", ".style.");
            }
        }
    }

    @Test
    void policy_namesTheHostForWebSockets_onlyWhenItIsAPlainHostAndPort() {
        assertThat(DashboardRoutes.policy("127.0.0.1:54112")).contains("connect-src 'self' ws://127.0.0.1:54112 "
                + "wss://127.0.0.1:54112;");
        assertThat(DashboardRoutes.policy("[::1]:8080")).contains("ws://[::1]:8080");
        assertThat(DashboardRoutes.policy("evil; script-src *")).contains("connect-src 'self';")
                .doesNotContain("evil", "*");
        assertThat(DashboardRoutes.policy("")).contains("connect-src 'self';");
    }
}
