package io.warden.supervisor.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The doctor's /proc parsers, fed text fixtures (src/test/resources/procfs, copied from a real
 * host); /proc/PID/stat and the boot time are tested in the os module.
 */
class ProcfsTextTest {

    static String fixture(String name) {
        try (InputStream in = ProcfsTextTest.class.getResourceAsStream("/procfs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parseCmdline_nulSeparated_emptyArgumentsKept() {
        byte[] raw = bytes("python3\0-m\0uvicorn\0\0main:app\0");

        assertThat(ProcfsText.parseCmdline(raw, raw.length)).containsExactly("python3", "-m", "uvicorn", "", "main:app");
        assertThat(ProcfsText.parseCmdline(new byte[0], 0)).isEmpty();
    }

    @Test
    void parseCmdline_rewrittenWithoutNuls_oneArgument_andUtf8() {
        byte[] raw = bytes("nginx: worker process");
        byte[] utf8 = bytes("/srv/caf\u00e9/app\0--name=\u00fc\0");

        assertThat(ProcfsText.parseCmdline(raw, raw.length)).containsExactly("nginx: worker process");
        assertThat(ProcfsText.parseCmdline(utf8, utf8.length)).containsExactly("/srv/caf\u00e9/app", "--name=\u00fc");
    }

    @Test
    void parseMarks_findsBothMarks_ignoresLookalikes() {
        byte[] raw = bytes("PATH=/usr/bin\0WARDEN_SERVICEX=no\0WARDEN_SERVICE=api\0HOME=/root\0"
                + "WARDEN_STATE_DIR=/srv/app/.warden\0WARDEN_X=1\0");

        assertThat(ProcfsText.parseMarks(raw, raw.length)).isEqualTo(new ProcfsText.Marks("api", "/srv/app/.warden"));
    }

    @Test
    void parseMarks_noneOrEmptyOrUnterminated() {
        byte[] none = bytes("PATH=/usr/bin\0HOME=/root\0");
        byte[] unterminated = bytes("A=1\0\0WARDEN_SERVICE=web");

        assertThat(ProcfsText.parseMarks(none, none.length)).isEqualTo(new ProcfsText.Marks("", ""));
        assertThat(ProcfsText.parseMarks(new byte[0], 0)).isEqualTo(new ProcfsText.Marks("", ""));
        assertThat(ProcfsText.parseMarks(unterminated, unterminated.length)).isEqualTo(new ProcfsText.Marks("web", ""));
    }

    @Test
    void parseListening_tcp_onlyListenState_hexPorts() {
        assertThat(ProcfsText.parseListening(fixture("net-tcp.txt")))
                .containsExactly(new ProcfsText.Socket(3306, 10437), new ProcfsText.Socket(8080, 55501));
    }

    @Test
    void parseListening_tcp6() {
        assertThat(ProcfsText.parseListening(fixture("net-tcp6.txt")))
                .containsExactly(new ProcfsText.Socket(6379, 3998), new ProcfsText.Socket(54194, 0));
        assertThat(ProcfsText.parseListening("")).isEmpty();
    }

    @Test
    void socketInode_onlySocketLinks() {
        assertThat(ProcfsText.socketInode("socket:[55501]")).isEqualTo(55501);
        assertThat(ProcfsText.socketInode("pipe:[55501]")).isEqualTo(-1);
        assertThat(ProcfsText.socketInode("/dev/null")).isEqualTo(-1);
        assertThat(ProcfsText.socketInode("socket:[x]")).isEqualTo(-1);
        assertThat(ProcfsText.socketInode("")).isEqualTo(-1);
    }

    @Test
    void parsePageSize_auxvPairs_bothWordSizesAndOrders() {
        ByteBuffer le64 = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        le64.putLong(33).putLong(0x7f18063a1000L).putLong(6).putLong(4096).putLong(17).putLong(100).putLong(0).putLong(0);
        ByteBuffer be32 = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        be32.putInt(16).putInt(0xbfebfbff).putInt(6).putInt(65536).putInt(0).putInt(0);
        ByteBuffer without = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        without.putLong(17).putLong(100).putLong(0).putLong(0);

        assertThat(ProcfsText.parsePageSize(le64.array(), 64, ByteOrder.LITTLE_ENDIAN, 8)).isEqualTo(4096);
        assertThat(ProcfsText.parsePageSize(be32.array(), 24, ByteOrder.BIG_ENDIAN, 4)).isEqualTo(65536);
        assertThat(ProcfsText.parsePageSize(without.array(), 32, ByteOrder.LITTLE_ENDIAN, 8)).isEqualTo(-1);
        assertThat(ProcfsText.parsePageSize(new byte[5], 5, ByteOrder.LITTLE_ENDIAN, 8)).isEqualTo(-1);
    }
}
