package io.warden.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionLimitTest {

    @Test
    void half_ofWhatIsLeftAfterTheOpenDescriptorsAndTheReserve() {
        assertThat(ConnectionLimit.derive(1100, 120)).isEqualTo((1100 - 120 - 64) / 2);
        assertThat(ConnectionLimit.derive(256, 105)).isEqualTo(43);
    }

    @Test
    void neverBelowAFew_neverAboveTenThousand_andTenThousandWithoutALimit() {
        assertThat(ConnectionLimit.derive(100, 90)).isEqualTo(8);
        assertThat(ConnectionLimit.derive(1_048_576, 100)).isEqualTo(10_000);
        assertThat(ConnectionLimit.derive(-1, 0)).isEqualTo(10_000);
    }
}
