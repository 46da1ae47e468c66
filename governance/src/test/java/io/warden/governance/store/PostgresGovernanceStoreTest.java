package io.warden.governance.store;

import io.warden.governance.TestBackend;

class PostgresGovernanceStoreTest extends GovernanceStoreContract {

    @Override
    TestBackend backend() {
        return TestBackend.postgres(PostgresGovernanceStoreTest.class);
    }
}
