package io.warden.api.limit;

import java.util.List;
import java.util.Set;

/**
 * The address a request is attributed to for rate limiting. {@code X-Forwarded-For} is believed
 * only when the connection comes from a configured trusted proxy; then the right-most address that
 * is not itself a trusted proxy is the client (earlier entries can be forged by the client).
 * Immutable and thread safe.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies == null ? List.of() : trustedProxies);
    }

    /** Whether {@code peer} is a trusted proxy, i.e. whether its {@code X-Forwarded-For} counts. */
    public boolean trusts(String peer) {
        return trustedProxies.contains(peer);
    }

    /**
     * @param peer          the connection's remote address (IP literal)
     * @param forwardedFor  the {@code X-Forwarded-For} header, or null
     */
    public String resolve(String peer, String forwardedFor) {
        if (forwardedFor == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}
