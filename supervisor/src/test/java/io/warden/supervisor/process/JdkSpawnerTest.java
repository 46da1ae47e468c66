package io.warden.supervisor.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;

class JdkSpawnerTest extends SpawnerContract {

    private final Spawner spawner = new JdkSpawner();

    @BeforeEach
    void posix() {
        assumeTrue(!Platform.isWindows(), "the contract's children are POSIX programs");
    }

    @Override
    Spawner spawner() {
        return spawner;
    }
}
