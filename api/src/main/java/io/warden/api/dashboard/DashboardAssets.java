package io.warden.api.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard's files, read from the class path once and kept in memory with their gzipped form
 * and an ETag: a request never touches the jar. Text files have {@code @VERSION@} replaced by a
 * hash of all files, so the page links to URLs that change with the content and can be cached for
 * good. uPlot comes from its WebJar. Immutable.
 */
final class DashboardAssets {

    private static final String BASE = "io/warden/api/dashboard/";
    private static final String UPLOT = "META-INF/resources/webjars/uplot/";
    private static final String UPLOT_VERSION = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    /** Every file the dashboard serves, by URL name, with its media type. */
    private static final Map<String, String> FILES = files();

    private final Map<String, Asset> assets;
    private final String version;

    /**
     * One file ready to send.
     *
     * @param name        its URL name
     * @param contentType its media type
     * @param body        the bytes
     * @param gzipped     the bytes gzipped, or null when gzip does not make them smaller
     * @param etag        a strong validator of the content
     */
    record Asset(String name, String contentType, byte[] body, byte[] gzipped, String etag) {
    }

    private DashboardAssets(Map<String, Asset> assets, String version) {
        this.assets = Map.copyOf(assets);
        this.version = version;
    }

    /**
     * Loads every file.
     *
     * @throws IllegalStateException when one is missing from the class path (a broken build)
     */
    static DashboardAssets load() {
        ClassLoader loader = DashboardAssets.class.getClassLoader();
        String uplot = UPLOT + uplotVersion(loader) + "/dist/";
        Map<String, byte[]> raw = new LinkedHashMap<>();
        MessageDigest digest = sha256();
        FILES.forEach((name, type) -> {
            String path = switch (name) {
                case "uplot.js" -> uplot + "uPlot.iife.min.js";
                case "uplot.css" -> uplot + "uPlot.min.css";
                default -> BASE + name;
            };
            byte[] bytes = read(loader, path);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
            raw.put(name, bytes);
        });
        String version = HexFormat.of().formatHex(digest.digest(), 0, 6);
        Map<String, Asset> assets = new LinkedHashMap<>();
        raw.forEach((name, bytes) -> {
            String type = FILES.get(name);
            byte[] body = type.startsWith("text/") && !name.startsWith("uplot")
                    ? new String(bytes, StandardCharsets.UTF_8).replace("@VERSION@", version)
                            .getBytes(StandardCharsets.UTF_8)
                    : bytes;
            byte[] gzipped = gzip(body);
            String etag = "\"" + HexFormat.of().formatHex(sha256().digest(body), 0, 10) + "\"";
            assets.put(name, new Asset(name, type, body, gzipped.length < body.length ? gzipped : null, etag));
        });
        return new DashboardAssets(assets, version);
    }

    /** The file of this URL name, if the dashboard has one. */
    Optional<Asset> find(String name) {
        return Optional.ofNullable(assets.get(name));
    }

    /** The hash of all files that versioned URLs carry as {@code ?v=}. */
    String version() {
        return version;
    }

    /** All files, by URL name. */
    Map<String, Asset> all() {
        return assets;
    }

    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        String js = "text/javascript; charset=utf-8";
        String css = "text/css; charset=utf-8";
        files.put("index.html", "text/html; charset=utf-8");
        files.put("icon.svg", "image/svg+xml");
        files.put("app.css", css);
        files.put("uplot.css", css);
        files.put("uplot.js", js);
        for (String module : new String[] {"app.js", "api.js", "dom.js", "charts.js", "overview.js", "services.js",
                "service.js", "doctor.js", "risk.js", "assessment.js", "alerts.js", "deploys.js", "hosts.js", "poll.js"}) {
            files.put(module, js);
        }
        return files;
    }

    private static String uplotVersion(ClassLoader loader) {
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(UPLOT_VERSION)) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar (org.webjars.npm:uplot) is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static byte[] read(ClassLoader loader, String path) {
        // The dashboard's own files sit in this module's package, which a class loader does not
        // hand out on the module path (the package is opened to Jackson only); the module does.
        try (InputStream in = path.startsWith("io/warden/api/dashboard/")
                ? DashboardAssets.class.getModule().getResourceAsStream(path) : loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + path + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
