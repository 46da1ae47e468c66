package io.warden.api;

/**
 * The state of one part of the daemon, as {@code GET /health} reports it.
 *
 * @param up     whether the part works
 * @param detail a short human explanation, empty when there is nothing to say
 */
public record ComponentHealth(boolean up, String detail) {

    public ComponentHealth {
        detail = detail == null ? "" : detail;
    }

    /** A working part. */
    public static ComponentHealth up(String detail) {
        return new ComponentHealth(true, detail);
    }

    /** A failing part, with the reason. */
    public static ComponentHealth down(String reason) {
        return new ComponentHealth(false, reason);
    }
}
