package io.warden.governance.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.governance.ValidationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RiskBandsTest {

    private static Risk risk(int likelihood, int impact) {
        return new Risk(RiskCategory.TECHNICAL, "r", likelihood, impact, "", "");
    }

    @Test
    void defaults_allTwentyFivePairs_scoreIsProductAndLevelFollowsTheDocumentedBands() {
        String[][] expected = {
            // impact 1..5 for likelihood 1..5
            {"LOW", "LOW", "LOW", "LOW", "MEDIUM"},
            {"LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH"},
            {"LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH"},
            {"LOW", "MEDIUM", "HIGH", "HIGH", "CRITICAL"},
            {"MEDIUM", "HIGH", "HIGH", "CRITICAL", "CRITICAL"},
        };
        for (int likelihood = 1; likelihood <= 5; likelihood++) {
            for (int impact = 1; impact <= 5; impact++) {
                Risk risk = risk(likelihood, impact);
                assertThat(risk.score()).isEqualTo(likelihood * impact);
                assertThat(RiskBands.DEFAULTS.levelOf(risk)).as("%d x %d", likelihood, impact)
                        .hasToString(expected[likelihood - 1][impact - 1]);
            }
        }
    }

    @Test
    void everyValidCustomBand_allPairs_levelMatchesThresholdsAndIsMonotonic() {
        int checked = 0;
        for (int medium = 2; medium <= 23; medium++) {
            for (int high = medium + 1; high <= 24; high++) {
                for (int critical = high + 1; critical <= 25; critical++) {
                    RiskBands bands = new RiskBands(medium, high, critical);
                    for (int likelihood = 1; likelihood <= 5; likelihood++) {
                        RiskLevel previous = RiskLevel.LOW;
                        for (int impact = 1; impact <= 5; impact++) {
                            int score = likelihood * impact;
                            RiskLevel oracle = score >= critical ? RiskLevel.CRITICAL : score >= high ? RiskLevel.HIGH
                                    : score >= medium ? RiskLevel.MEDIUM : RiskLevel.LOW;
                            RiskLevel level = bands.levelOf(risk(likelihood, impact));
                            assertThat(level).isEqualTo(oracle);
                            assertThat(level.atLeast(previous)).isTrue();
                            previous = level;
                            checked++;
                        }
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(2024 * 25);
    }

    @Test
    void overall_isTheHighestRisksLevel_andLowWithoutRisks() {
        List<Risk> risks = new ArrayList<>(List.of(risk(1, 1), risk(3, 4), risk(2, 2)));
        assertThat(RiskBands.DEFAULTS.overall(risks)).isEqualTo(RiskLevel.HIGH);
        assertThat(RiskBands.DEFAULTS.highest(risks)).contains(risks.get(1));
        assertThat(RiskBands.DEFAULTS.overall(List.of())).isEqualTo(RiskLevel.LOW);
        assertThat(new RiskBands(2, 3, 4).overall(risks)).isEqualTo(RiskLevel.CRITICAL);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, -1, 100})
    void likelihoodOrImpactOutsideOneToFive_isRefusedNamingTheField(int bad) {
        assertThatThrownBy(() -> risk(bad, 3)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("likelihood");
            assertThat(e).hasMessageStartingWith("likelihood is " + bad + "; it must be a whole number from 1 to 5");
        });
        assertThatThrownBy(() -> risk(3, bad)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).isEqualTo("impact"));
    }

    @Test
    void bandsThatDoNotRise_areRefusedWithAnExample() {
        assertThatThrownBy(() -> new RiskBands(10, 5, 20)).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.field()).isEqualTo("bands");
            assertThat(e).hasMessageContaining("medium 10, high 5, critical 20")
                    .hasMessageContaining("for example medium 5, high 10, critical 20");
        });
        assertThatThrownBy(() -> new RiskBands(1, 5, 20)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new RiskBands(5, 10, 26)).isInstanceOf(ValidationException.class);
    }
}
