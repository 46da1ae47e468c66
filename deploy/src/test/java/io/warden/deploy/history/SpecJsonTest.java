package io.warden.deploy.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.Singleton;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecJsonTest {

    @Test
    void aStoredSpec_readsBackAsTheSameSpec_aClusterSingletonToo() {
        for (Singleton singleton : Singleton.values()) {
            ServiceSpec spec = ServiceSpec.of(List.of("python3", "app.py")).withSingleton(singleton);
            assertThat(SpecJson.spec(SpecJson.write(spec))).isEqualTo(spec);
        }
    }
}
