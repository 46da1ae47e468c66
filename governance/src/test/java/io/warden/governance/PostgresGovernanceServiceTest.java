package io.warden.governance;

class PostgresGovernanceServiceTest extends GovernanceServiceContract {

    @Override
    TestBackend backend() {
        return TestBackend.postgres(PostgresGovernanceServiceTest.class);
    }
}
