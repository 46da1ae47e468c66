package io.warden.metrics.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryTest {

    @Test
    void series_sameName_sameBufferAndSortedNames() {
        History history = new History(10);

        SeriesBuffer cpu = history.series("cpu.total");
        history.series("service.backend.rss").append(1, 2);

        assertThat(history.series("cpu.total")).isSameAs(cpu);
        assertThat(history.names()).containsExactly("cpu.total", "service.backend.rss");
        assertThat(history.find("net.rx")).isEmpty();
        assertThat(history.bytesPerSeries()).isEqualTo(8 * 10 + 128);
    }

    @Test
    void series_invalidName_refusedWithRule() {
        assertThatThrownBy(() -> new History(10).series("../etc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid series name '../etc': use 1-128 letters, digits, '_', '.' or '-', such as cpu.total");
    }

    @Test
    void removeIf_matchingNames_removed() {
        History history = new History(2);
        history.series("service.a.cpu");
        history.series("service.a.rss");
        history.series("cpu.total");

        assertThat(history.removeIf(name -> name.startsWith("service.a."))).isEqualTo(2);
        assertThat(history.names()).containsExactly("cpu.total");
    }
}
