package io.warden.deploy.history;

import io.warden.governance.TestBackend;

class PostgresDeployHistoryTest extends DeployHistoryContract {

    @Override
    TestBackend backend() {
        return TestBackend.postgres(PostgresDeployHistoryTest.class);
    }
}
