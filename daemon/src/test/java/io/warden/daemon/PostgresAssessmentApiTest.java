package io.warden.daemon;

import org.junit.jupiter.api.AfterEach;

/** The assessment lifecycle over HTTP with the store in a fresh PostgreSQL schema ({@code storage.url}). */
class PostgresAssessmentApiTest extends AssessmentLifecycleContract {

    private PostgresSchema schema;

    @Override
    String storageUrl() {
        schema = PostgresSchema.create("warden_api");
        return schema.url();
    }

    @AfterEach
    void dropSchema() throws Exception {
        daemon.daemon().close(); // before the schema goes; closing twice is harmless
        if (schema != null) {
            schema.close();
        }
    }
}
