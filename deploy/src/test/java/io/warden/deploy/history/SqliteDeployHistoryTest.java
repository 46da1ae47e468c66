package io.warden.deploy.history;

import io.warden.governance.TestBackend;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDeployHistoryTest extends DeployHistoryContract {

    @TempDir
    static Path dir;

    @Override
    TestBackend backend() {
        return TestBackend.sqlite(dir);
    }
}
