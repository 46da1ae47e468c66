package io.warden.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * This agent as the fleet knows it.
 *
 * @param id       stable per state directory (file {@value #ID_FILE}): a restarted agent keeps its row
 * @param hostName the machine's name
 * @param version  the Warden version it runs
 * @param apiUrl   where other agents reach its API ({@code http://host:port}, no trailing slash)
 */
public record Agent(String id, String hostName, String version, String apiUrl) {

    /** The file in the state directory that holds the agent id. */
    public static final String ID_FILE = "agent.id";

    public Agent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(apiUrl, "apiUrl");
    }

    /**
     * The id of the agent of {@code stateDir}: read from {@value #ID_FILE}, or made
     * ({@code HOSTNAME-8HEX}) and written there atomically on the first start.
     *
     * @throws FleetException when the file cannot be read or written
     */
    public static String idOf(Path stateDir) {
        Path file = stateDir.resolve(ID_FILE);
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (isId(id)) {
                    return id;
                }
            }
            String id = shortName(localHostName()) + "-"
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
            Path temp = Files.createTempFile(stateDir, ID_FILE, ".tmp");
            Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return id;
        } catch (IOException e) {
            throw new FleetException("cannot read or write the agent id in " + file + ": " + e
                    + "; check the state directory's permissions", e);
        }
    }

    /** The machine's name, or {@code localhost} when it cannot be resolved. */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * The default {@code fleet.advertise}: the API's bind address and port, the host name in place
     * of a wildcard address (other hosts cannot connect to 0.0.0.0).
     */
    public static String defaultApiUrl(String bindHost, int port) {
        String host = bindHost == null || bindHost.isBlank() || bindHost.equals("0.0.0.0") || bindHost.equals("::")
                ? localHostName() : bindHost;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Ids are what {@link #idOf} makes, or an operator wrote: short, no spaces, path-safe. */
    static boolean isId(String id) {
        return id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    }

    private static String shortName(String hostName) {
        String first = hostName.split("\\.", 2)[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return first.isEmpty() ? "host" : first.substring(0, Math.min(first.length(), 40));
    }
}
