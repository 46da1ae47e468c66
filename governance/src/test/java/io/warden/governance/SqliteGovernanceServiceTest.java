package io.warden.governance;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteGovernanceServiceTest extends GovernanceServiceContract {

    @TempDir
    static Path dir;

    @Override
    TestBackend backend() {
        return TestBackend.sqlite(dir);
    }
}
