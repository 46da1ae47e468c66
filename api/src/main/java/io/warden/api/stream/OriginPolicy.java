package io.warden.api.stream;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open the WebSocket (OWASP: check {@code Origin}, since browsers attach
 * cookies and reach loopback for any page): the API's own origin (the {@code Host} the browser
 * connected to) and {@code server.allowedOrigins}. A client that sends no {@code Origin} is not a
 * browser page (the CLI, a script) and is left to the token check. Immutable.
 */
final class OriginPolicy {

    private final Set<String> allowed;

    OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(OriginPolicy::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a page of {@code origin} may connect to a server reached as {@code host}. */
    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = normalize(origin);
        if (allowed.contains(normalized)) {
            return true;
        }
        if (host == null || normalized.equals("null")) {
            return false;
        }
        try {
            URI uri = new URI(normalized);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return false;
            }
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            String self = uri.getHost() + ":" + (uri.getPort() < 0 ? defaultPort : uri.getPort());
            String reached = host.strip().toLowerCase(Locale.ROOT);
            boolean hasPort = reached.lastIndexOf(':') > reached.lastIndexOf(']');
            return self.equals(hasPort ? reached : reached + ":" + defaultPort);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String normalize(String origin) {
        String text = origin.strip().toLowerCase(Locale.ROOT);
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
