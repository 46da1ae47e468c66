package io.warden.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot time, the number scanner and the buffered reads (fixtures in src/test/resources/procfs). */
class ProcfsTest {

    static String fixture(String name) {
        try (InputStream in = ProcfsTest.class.getResourceAsStream("/procfs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void parseBootTime_btimeLineOfProcStat() {
        assertThat(Procfs.parseBootTime(fixture("stat.txt"))).isEqualTo(1_763_764_257L);
        assertThat(Procfs.parseBootTime("cpu  1 2 3\nintr 5 6\nbtime 1700000000\nprocesses 9\n")).isEqualTo(1_700_000_000L);
    }

    @Test
    void parseBootTime_missingOrGarbled_minusOne() {
        assertThat(Procfs.parseBootTime("cpu 1\n")).isEqualTo(-1);
        assertThat(Procfs.parseBootTime("btime soon\n")).isEqualTo(-1);
    }

    @Test
    void parseLong_spacesIgnored_nonDigitsNegativeOrTooLong_minusOne() {
        byte[] text = " 42 -7 x 1234567890123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Procfs.parseLong(text, 0, 4)).isEqualTo(42);
        assertThat(Procfs.parseLong(text, 4, 6)).isEqualTo(-1);
        assertThat(Procfs.parseLong(text, 7, 8)).isEqualTo(-1);
        assertThat(Procfs.parseLong(text, 9, text.length)).isEqualTo(-1);
        assertThat(Procfs.parseLong(text, 3, 3)).isEqualTo(-1);
    }

    @Test
    void readBytes_asMuchAsFits_missingFileMinusOne(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("stat"), "btime 1700000000\n");
        byte[] small = new byte[5];

        assertThat(Procfs.readBytes(file.toString(), small)).isEqualTo(5);
        assertThat(new String(small, StandardCharsets.US_ASCII)).isEqualTo("btime");
        assertThat(Procfs.read(file.toString(), new byte[64])).isEqualTo("btime 1700000000\n");
        assertThat(Procfs.readBytes(dir.resolve("gone").toString(), small)).isEqualTo(-1);
        assertThat(Procfs.read(dir.resolve("gone").toString(), small)).isNull();
    }
}
