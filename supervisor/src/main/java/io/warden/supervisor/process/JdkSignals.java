package io.warden.supervisor.process;

/**
 * Windows has no signals: {@code destroy()} is already TerminateProcess there, so a graceful stop
 * is not available through this channel, and every signal terminates the process at once.
 */
final class JdkSignals implements ProcessSignals {

    @Override
    public boolean send(ProcessHandle process, Signal signal) {
        if (!process.isAlive()) {
            return false;
        }
        return signal == Signal.KILL ? process.destroyForcibly() : process.destroy();
    }
}
