package io.warden.metrics;

class OshiProcessTreeTest extends ProcessTreeContract {

    @Override
    boolean useProcfs() {
        return false;
    }
}
