package io.warden.supervisor.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.warden.os.OsFamily;
import org.junit.jupiter.api.BeforeEach;

class JdkSpawnerTest extends SpawnerContract {

    private final Spawner spawner = new JdkSpawner();

    @BeforeEach
    void posix() {
        assumeTrue(!OsFamily.isWindows(), "the contract's children are POSIX programs");
    }

    @Override
    Spawner spawner() {
        return spawner;
    }
}
