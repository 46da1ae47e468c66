package io.warden.supervisor.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    private static final Journal.Entry APPEND = new Journal.Entry(3, 500, 40, StdStream.OUT, 300, 1000, 200,
            "(dev=801,ino=42)");

    @Test
    void write_thenRead_returnsTheSameEntry(@TempDir Path dir) throws IOException {
        try (Journal journal = Journal.open(dir.resolve("state/x.state"))) {
            journal.write(APPEND);
            journal.write(Journal.Entry.start(4));

            assertThat(journal.read()).isEqualTo(Journal.Entry.start(4));
        }
    }

    @Test
    void parse_garbage_isNoEntry() {
        assertThat(Journal.parse("")).isNull();
        assertThat(Journal.parse("warden-log-state 1 gen=x")).isNull();
    }

    @Test
    void tornBy_logEndingInsideTheLastAppend_isTornAndResumesFromItsStart() {
        assertThat(APPEND.tornBy(1100, "(dev=801,ino=42)")).isTrue();
        assertThat(APPEND.tornBy(1000, "(dev=801,ino=42)")).isTrue();

        Journal.Entry resumed = APPEND.resumed(true);
        assertThat(resumed.offset(StdStream.OUT)).isEqualTo(300);
        assertThat(resumed.offset(StdStream.ERR)).isEqualTo(40);
    }

    @Test
    void tornBy_completeAppend_isWhole() {
        assertThat(APPEND.tornBy(1200, "(dev=801,ino=42)")).isFalse();
        assertThat(APPEND.resumed(false).offset(StdStream.OUT)).isEqualTo(500);
    }

    @Test
    void tornBy_anotherFileSinceRotation_isWhole() {
        assertThat(APPEND.tornBy(0, "(dev=801,ino=43)")).isFalse();
    }
}
