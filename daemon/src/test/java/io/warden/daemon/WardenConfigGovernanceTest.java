package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.config.ConfigException;
import io.warden.governance.GovernanceConfig;
import io.warden.governance.matrix.RiskLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code storage:} and {@code governance:} of warden.yaml: defaults, binding, refusals with line and key. */
class WardenConfigGovernanceTest {

    @TempDir
    Path dir;

    @Test
    void absentSections_areSqliteInTheStateDir_andTheSeedsMatrix() {
        WardenConfig config = WardenConfig.defaults();
        assertThat(config.storage().jdbcUrl(dir)).isEqualTo("jdbc:sqlite:" + dir.resolve("warden.db").toAbsolutePath());
        assertThat(config.governance()).isEqualTo(GovernanceConfig.DEFAULTS);
    }

    @Test
    void governanceBlock_bindsBandsMatrixAndPolicy() throws Exception {
        WardenConfig config = WardenConfig.load(Files.writeString(dir.resolve("warden.yaml"), """
                storage: {url: "jdbc:postgresql://db:5432/warden?user=warden"}
                governance:
                  bands: {medium: 4, high: 9, critical: 16}
                  policy: {minimumLevel: high, tags: [schema], environments: [prod]}
                """));
        assertThat(config.storage().jdbcUrl(dir)).isEqualTo("jdbc:postgresql://db:5432/warden?user=warden");
        assertThat(config.governance().bands().levelOf(16)).isEqualTo(RiskLevel.CRITICAL);
        assertThat(config.governance().policy().minimumLevel()).isEqualTo(RiskLevel.HIGH);
    }

    @Test
    void unknownRoleInARule_isRefusedWithFileLineAndKey() throws Exception {
        Path file = Files.writeString(dir.resolve("warden.yaml"), """
                governance:
                  approvals:
                    roles: [dev, lead]
                    rules:
                      low: {allOf: [dev]}
                      medium: {allOf: [lead]}
                      high: {allOf: [lead, cfo]}
                      critical: {allOf: [lead]}
                """);
        assertThatThrownBy(() -> WardenConfig.load(file)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.key()).isEqualTo("governance.approvals.rules.high");
            assertThat(e.getMessage()).contains(file + ":7:", "cfo");
        });
    }

    @Test
    void unknownKeyInGovernance_andAStorageUrlOfAnotherDatabase_areRefused() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "governance:\n  bandz: {medium: 4}\n");
        assertThatThrownBy(() -> WardenConfig.load(typo)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.key()).isEqualTo("governance.bandz"));
        Path mysql = Files.writeString(dir.resolve("mysql.yaml"), "storage:\n  url: jdbc:mysql://db/x\n");
        assertThatThrownBy(() -> WardenConfig.load(mysql)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.key()).isEqualTo("storage");
            assertThat(e.getMessage()).contains("url must start with jdbc:postgresql:");
        });
    }

    @Test
    void misspeltOrWrongGovernanceKeys_nameFileLineAndKey_asEveryOtherSection() throws Exception {
        Path level = Files.writeString(dir.resolve("level.yaml"), "governance:\n  policy:\n    minimumLevel: severe\n");
        assertThatThrownBy(() -> WardenConfig.load(level)).hasMessage(level + ":3: governance.policy.minimumLevel:"
                + " 'severe' is not one of [low, medium, high, critical]");
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "governance:\n  bands: {medium: 4, hihg: 9}\n");
        assertThatThrownBy(() -> WardenConfig.load(typo)).hasMessage(typo + ":2: governance.bands.hihg: unknown key"
                + " 'hihg'; did you mean 'high'? Valid keys: critical, high, medium");
    }
}
