package io.warden.supervisor.health;

/** Docker's health states: {@code starting} until the first success or the end of retries. */
public enum HealthStatus {
    STARTING, HEALTHY, UNHEALTHY;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
