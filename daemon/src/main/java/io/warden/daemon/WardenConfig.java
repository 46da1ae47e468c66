package io.warden.daemon;

import io.warden.alerts.AlertsConfig;
import io.warden.alerts.rule.AlertRule;
import io.warden.api.AuthSettings;
import io.warden.api.ServerSettings;
import io.warden.api.limit.RateLimits;
import io.warden.api.stream.StreamSettings;
import io.warden.cluster.ClusterSettings;
import io.warden.config.ConfigMapper;
import io.warden.deploy.UpdateSettings;
import io.warden.fleet.FleetSettings;
import io.warden.governance.GovernanceConfig;
import io.warden.supervisor.EventLogSettings;
import io.warden.supervisor.spec.ServiceSpec;
import io.warden.supervisor.spec.ServiceSpecs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of {@code warden.yaml}, validated once at the edge. Every section has defaults, so an
 * empty file or no file at all starts a daemon on 127.0.0.1:54112. The schema and every default
 * are in docs/config.md.
 *
 * @param server     where the API listens and what it accepts
 * @param auth       API tokens and the routes open without one
 * @param rateLimits token buckets per client and route class
 * @param metrics    the background sampler
 * @param stream     the WebSocket stream's per-client bounds
 * @param services   the supervised services, by name, in declaration order
 * @param storage    where the governance database lives
 * @param governance risk bands, approval matrix and policy of the risk assessments
 * @param events     the rotation of {@code events.log}
 * @param alerts     standing alert rules, receivers and their settings (docs/alerts.md)
 * @param update     how deploys apply and watch a new spec (docs/deploy.md)
 * @param fleet      heartbeats and forwarding among agents sharing {@code storage.url} (docs/fleet.md)
 * @param cluster    the leases of the cluster singletons (docs/cluster.md)
 */
public record WardenConfig(ServerSettings server, AuthSettings auth, RateLimits rateLimits, MetricsConfig metrics,
                           StreamSettings stream, Map<String, ServiceSpec> services, StorageSettings storage,
                           GovernanceConfig governance,
                           EventLogSettings events, AlertsConfig alerts, UpdateSettings update,
                           FleetSettings fleet, ClusterSettings cluster) {

    public WardenConfig {
        server = server == null ? ServerSettings.defaults() : server;
        auth = auth == null ? AuthSettings.defaults() : auth;
        rateLimits = rateLimits == null ? RateLimits.defaults() : rateLimits;
        metrics = metrics == null ? MetricsConfig.defaults() : metrics;
        stream = stream == null ? StreamSettings.defaults() : stream;
        services = services == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        storage = storage == null ? StorageSettings.defaults() : storage;
        governance = governance == null ? GovernanceConfig.DEFAULTS : governance;
        events = events == null ? EventLogSettings.DEFAULT : events;
        alerts = alerts == null ? AlertsConfig.defaultConfig() : alerts;
        update = update == null ? UpdateSettings.DEFAULTS : update;
        fleet = fleet == null ? FleetSettings.DEFAULTS : fleet;
        cluster = cluster == null ? ClusterSettings.DEFAULTS : cluster;
    }

    /** The configuration used when there is no file. */
    public static WardenConfig defaults() {
        return new WardenConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads and validates a config file; errors name the file, line and key. */
    public static WardenConfig load(Path file) {
        return parse(file.toString(), ConfigMapper.readText(file), ConfigMapper.isJson(file));
    }

    /** Reads and validates the text of a config file named {@code source} (warden apply sends it). */
    public static WardenConfig parse(String source, String text, boolean isJson) {
        ConfigMapper mapper = ConfigMapper.create();
        WardenConfig config = text.isBlank() ? defaults() : mapper.bind(source, text, WardenConfig.class, isJson);
        ServiceSpecs.validate(config.services(), mapper, source, text, isJson, "services");
        config.alerts().validate(mapper, source, text, isJson, "alerts", config.services().keySet());
        config.singletons().stream().findFirst().filter(name -> !config.storage().onPostgres())
                .ifPresent(name -> {
                    throw mapper.errorAt(source, text, isJson, "services." + name + ".singleton", "singleton: cluster "
                            + "needs a database every agent shares: set storage.url to "
                            + "jdbc:postgresql://HOST:PORT/DATABASE?user=USER (docs/cluster.md), or use singleton: host");
                });
        return config;
    }

    /** The cluster singletons ({@code singleton: cluster}), in declaration order. */
    public List<String> singletons() {
        return services.entrySet().stream().filter(entry -> entry.getValue().runsOncePerCluster())
                .map(Map.Entry::getKey).toList();
    }

    /** This config with the API on another port ({@code warden up --port}); 0 picks a free one. */
    public WardenConfig withPort(int port) {
        return withServer(server.withPort(port));
    }

    /** This config with the API bound to another address ({@code warden up --host}). */
    public WardenConfig withHost(String host) {
        return withServer(server.withHost(host));
    }

    private WardenConfig withServer(ServerSettings newServer) {
        return new WardenConfig(newServer, auth, rateLimits, metrics, stream, services, storage, governance, events,
                alerts, update, fleet, cluster);
    }

    /** The alert rules in force: the defaults merged with {@code alerts.rules}, checked at load. */
    public List<AlertRule> alertRules() {
        return alerts.resolve(services.keySet());
    }
}
