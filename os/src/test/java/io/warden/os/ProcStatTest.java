package io.warden.os;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one parser of /proc/PID/stat, fed lines copied from real hosts. */
class ProcStatTest {

    private static final String ODD = "4242 (my (odd) name) S 4200 4242 4200 0 -1 4194560 500 0 0 0 150 25 0 0 20 0 7 0"
            + " 123456 987654321 2500 18446744073709551615 1 1 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

    @Test
    void parse_commandWithSpacesAndParens_fieldsAfterLastParen() {
        assertThat(ProcStat.parse(ODD)).isEqualTo(new ProcStat(4242, 'S', 4200, 150, 25, 7, 123456, 2500));
    }

    @Test
    void parse_bytesPrefix_sameAsText_restOfBufferIgnored() {
        byte[] buffer = new byte[4096];
        byte[] line = ODD.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(line, 0, buffer, 0, line.length);
        buffer[line.length] = '9'; // stale bytes of an earlier, longer read

        assertThat(ProcStat.parse(buffer, line.length)).isEqualTo(ProcStat.parse(ODD));
    }

    @Test
    void parse_zombieAndRealLine() {
        String zombie = "77 (defunct) Z 1 77 77 0 -1 4227084 0 0 0 0 0 0 0 0 20 0 1 0 5000 0 0"
                + " 18446744073709551615 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
        String cat = "1050 (cat) R 1036 1036 30406 0 -1 4194304 98 0 0 0 0 0 0 0 20 0 1 0 413691 3133440 414"
                + " 18446744073709551615 94626369310720 94626369330601 140723317942464 0 0 0 0 0 0 0 0 0 17 1 0 0"
                + " 0 0 0 94626369346608 94626369348224 94626552573952 140723317951185 140723317951205"
                + " 140723317951205 140723317952491 0\n";

        ProcStat dead = ProcStat.parse(zombie);
        assertThat(dead).isEqualTo(new ProcStat(77, 'Z', 1, 0, 0, 1, 5000, 0));
        assertThat(dead.isDead()).isTrue();
        ProcStat running = ProcStat.parse(cat);
        assertThat(running).isEqualTo(new ProcStat(1050, 'R', 1036, 0, 0, 1, 413691, 414));
        assertThat(running.isDead()).isFalse();
    }

    @Test
    void parse_truncatedOrEmptyOrNoState_null() {
        assertThat(ProcStat.parse("4242 (x) S 1 2 3")).isNull();
        assertThat(ProcStat.parse("")).isNull();
        assertThat(ProcStat.parse("x (y) S")).isNull();
        assertThat(ProcStat.parse(ODD.replace(") S ", ") SS "))).isNull();
    }

    @Test
    void startMillis_isTheJdksFormula_integerDivisionOfTicks() {
        // JDK (ProcessHandleImpl_linux.c): boot time in ms + start ticks * 1000 / clock ticks per second.
        assertThat(ProcStat.startMillis(1_763_764_257L, 413_691, 100)).isEqualTo(1_763_764_257_000L + 4_136_910);
        assertThat(Instant.ofEpochMilli(ProcStat.startMillis(1_700_000_000L, 1, 100)))
                .isEqualTo(Instant.parse("2023-11-14T22:13:20.010Z"));
        // A USER_HZ that does not divide 1000: truncated, as the JDK does.
        assertThat(ProcStat.startMillis(0, 1, 1024)).isZero();
        assertThat(ProcStat.startMillis(0, 1025, 1024)).isEqualTo(1000);
        assertThat(ProcStat.parse(ODD).startMillis(1_700_000_000L)).isEqualTo(1_700_000_000_000L + 1_234_560);
    }
}
