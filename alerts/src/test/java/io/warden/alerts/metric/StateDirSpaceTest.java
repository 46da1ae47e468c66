package io.warden.alerts.metric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirSpaceTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFreeShareOfTheStateDirsFileSystem_andNothingElse() {
        StateDirSpace space = new StateDirSpace(dir);
        Reading free = space.read(Metric.STATE_DIR_FREE, null);
        assertThat(free).isInstanceOfSatisfying(Reading.Value.class,
                value -> assertThat(value.value()).isBetween(0.0, 100.0));
        assertThat(space.freeBytes()).isPositive().isLessThanOrEqualTo(space.totalBytes());
        assertThat(space.read(Metric.HOST_CPU, null)).isInstanceOf(Reading.NoData.class);
    }

    @Test
    void aStateDirThatIsGone_isAFailedRead_namingIt() {
        StateDirSpace space = new StateDirSpace(dir.resolve("gone"));
        assertThat(space.read(Metric.STATE_DIR_FREE, null)).isInstanceOfSatisfying(Reading.Failed.class,
                failed -> assertThat(failed.reason()).contains("gone"));
        assertThat(space.freeBytes()).isNaN();
    }
}
