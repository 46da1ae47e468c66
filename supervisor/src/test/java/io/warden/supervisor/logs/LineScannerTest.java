package io.warden.supervisor.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineScannerTest {

    private final List<String> lines = new ArrayList<>();

    private int scan(String text, int cap, boolean ended) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return LineScanner.scan(bytes, bytes.length, cap, ended, (buf, from, to, next, continues) ->
                lines.add(new String(buf, from, to - from, StandardCharsets.UTF_8) + (continues ? "+" : "")));
    }

    @Test
    void scan_completeLines_emittedWithoutTerminatorsAndCarriageReturns() throws IOException {
        int consumed = scan("a\r\nbb\n\nccc", 100, false);

        assertThat(lines).containsExactly("a", "bb", "");
        assertThat(consumed).isEqualTo("a\r\nbb\n\n".length());
    }

    @Test
    void scan_unterminatedLastLine_keptUnlessTheOutputEnded() throws IOException {
        assertThat(scan("tail", 100, false)).isZero();
        assertThat(lines).isEmpty();

        assertThat(scan("tail", 100, true)).isEqualTo(4);
        assertThat(lines).containsExactly("tail");
    }

    @Test
    void scan_lineLongerThanCap_cutIntoMarkedPieces() throws IOException {
        scan("abcdefghij\n", 4, false);

        assertThat(lines).containsExactly("abcd+", "efgh+", "ij");
    }

    @Test
    void scan_lineOfExactlyCap_staysOneLine() throws IOException {
        scan("abcd\nef\n", 4, false);

        assertThat(lines).containsExactly("abcd", "ef");
    }

    @Test
    void scan_cutInsideUtf8Character_movesBackToTheCharacterStart() throws IOException {
        // "aé" is 61 C3 A9: a cap of 2 would split é; the piece ends before it instead.
        scan("aéb\n", 2, false);

        assertThat(lines).containsExactly("a+", "é+", "b");
    }

    @Test
    void scan_longRunWithoutNewline_consumesOnlyWholePieces() throws IOException {
        int consumed = scan("abcdefg", 4, false);

        assertThat(lines).containsExactly("abcd+");
        assertThat(consumed).isEqualTo(4);
    }
}
