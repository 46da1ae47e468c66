package io.warden.metrics;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcfsProcessTreeTest extends ProcessTreeContract {

    @Override
    boolean useProcfs() {
        return true;
    }
}
