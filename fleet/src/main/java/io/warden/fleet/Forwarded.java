package io.warden.fleet;

/**
 * The owning agent's answer to a forwarded request, handed back as it is.
 *
 * @param status      its HTTP status
 * @param contentType its content type, or null
 * @param body        its body
 */
public record Forwarded(int status, String contentType, byte[] body) {
}
