package io.warden.daemon;

import io.warden.alerts.notify.ReceiverConfig;
import io.warden.alerts.rule.AlertRule;
import io.warden.alerts.rule.MetricExpr;
import io.warden.api.auth.TokenConfig;
import io.warden.api.deploy.ApplyPlan.SectionChange;
import io.warden.api.limit.RateClass;
import io.warden.api.limit.RateLimits;
import io.warden.config.Durations;
import io.warden.governance.GovernanceConfig;
import io.warden.governance.approval.ApprovalRule;
import io.warden.governance.matrix.RiskLevel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code warden apply} would change outside {@code services}: the sections reloaded at runtime,
 * one line per change, and the keys read at start only that differ (they need a restart). Secrets
 * (tokens, receiver and storage URLs) are never shown, only that they changed. Pure.
 */
final class ConfigDiff {

    private ConfigDiff() {
    }

    /** The changes {@code warden apply} makes at runtime, by section; empty sections left out. */
    static List<SectionChange> reloaded(WardenConfig before, WardenConfig after) {
        List<SectionChange> sections = new ArrayList<>();
        add(sections, "auth.tokens", tokens(before.auth().tokens(), after.auth().tokens()));
        add(sections, "rateLimits", limits(before.rateLimits(), after.rateLimits()));
        add(sections, "alerts", fields("alerts", before.alerts(), after.alerts(),
                Set.of("defaults", "interval", "keepResolved", "externalUrl")));
        add(sections, "alerts.rules", rules(before.alertRules(), after.alertRules()));
        add(sections, "alerts.receivers", byName(before.alerts().receivers(), after.alerts().receivers(),
                ReceiverConfig::name, receiver -> receiver.format().wireName()));
        add(sections, "governance", governance(before.governance(), after.governance()));
        add(sections, "update", fields("update", before.update(), after.update(), null));
        return sections;
    }

    /** The keys read at start only whose values differ ({@code server.port}, {@code governance.bands}). */
    static List<String> needsRestart(WardenConfig before, WardenConfig after) {
        List<String> keys = new ArrayList<>();
        keys.addAll(keys("server", before.server(), after.server(), null));
        if (!before.auth().publicRoutes().equals(after.auth().publicRoutes())) {
            keys.add("auth.publicRoutes");
        }
        keys.addAll(keys("rateLimits", before.rateLimits(), after.rateLimits(), Set.of("store", "fallback", "agents")));
        keys.addAll(keys("metrics", before.metrics(), after.metrics(), null));
        keys.addAll(keys("stream", before.stream(), after.stream(), null));
        keys.addAll(keys("storage", before.storage(), after.storage(), null));
        // Stored assessments keep the levels computed with the bands of their time: see docs/config.md.
        keys.addAll(keys("governance", before.governance(), after.governance(), Set.of("bands")));
        keys.addAll(keys("events", before.events(), after.events(), null));
        keys.addAll(keys("alerts", before.alerts(), after.alerts(), Set.of("scrapeTimeout", "apiWindow")));
        keys.addAll(keys("fleet", before.fleet(), after.fleet(), null));
        keys.addAll(keys("cluster", before.cluster(), after.cluster(), null));
        return keys;
    }

    private static void add(List<SectionChange> sections, String section, List<String> changes) {
        if (!changes.isEmpty()) {
            sections.add(new SectionChange(section, changes));
        }
    }

    private static List<String> tokens(List<TokenConfig> before, List<TokenConfig> after) {
        Map<String, List<TokenConfig>> old = byUser(before);
        Map<String, List<TokenConfig>> next = byUser(after);
        List<String> lines = new ArrayList<>();
        next.forEach((user, tokens) -> {
            List<TokenConfig> was = old.get(user);
            TokenConfig token = tokens.getFirst();
            if (was == null) {
                lines.add("+ " + user + " (" + scope(token) + ")");
                return;
            }
            List<String> what = new ArrayList<>();
            if (was.getFirst().scope() != token.scope()) {
                what.add("scope " + scope(was.getFirst()) + " -> " + scope(token));
            }
            if (!was.getFirst().roles().equals(token.roles())) {
                what.add("roles " + was.getFirst().roles() + " -> " + token.roles());
            }
            if (!secrets(was).equals(secrets(tokens))) {
                what.add("token changed");
            }
            if (!what.isEmpty()) {
                lines.add("~ " + user + " (" + String.join(", ", what) + ")");
            }
        });
        old.keySet().stream().filter(user -> !next.containsKey(user)).forEach(user -> lines.add("- " + user));
        return lines;
    }

    private static Map<String, List<TokenConfig>> byUser(List<TokenConfig> tokens) {
        return tokens.stream().collect(Collectors.groupingBy(TokenConfig::user, LinkedHashMap::new,
                Collectors.toList()));
    }

    private static List<String> secrets(List<TokenConfig> tokens) {
        return tokens.stream().map(token -> token.token() + '|' + token.sha256()).toList();
    }

    private static String scope(TokenConfig token) {
        return token.scope().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> limits(RateLimits before, RateLimits after) {
        List<String> lines = new ArrayList<>();
        for (RateClass rateClass : RateClass.values()) {
            if (!before.of(rateClass).equals(after.of(rateClass))) {
                lines.add(rateClass.name().toLowerCase(Locale.ROOT) + ": " + before.of(rateClass).describe() + " -> "
                        + after.of(rateClass).describe());
            }
        }
        return lines;
    }

    /** The policy's changed fields, the roles, and each level whose approval rule changed, in people's words. */
    private static List<String> governance(GovernanceConfig before, GovernanceConfig after) {
        List<String> lines = new ArrayList<>(fields("policy", before.policy(), after.policy(), null));
        lines.addAll(fields("approvals", before.approvals(), after.approvals(), Set.of("roles")));
        for (RiskLevel level : RiskLevel.values()) {
            ApprovalRule was = before.approvals().ruleFor(level);
            ApprovalRule is = after.approvals().ruleFor(level);
            if (!was.equals(is)) {
                lines.add("approvals." + level.name().toLowerCase(Locale.ROOT) + ": " + was.describe() + " -> "
                        + is.describe());
            }
        }
        return lines;
    }

    private static List<String> rules(List<AlertRule> before, List<AlertRule> after) {
        Map<String, List<AlertRule>> old = before.stream().collect(Collectors.groupingBy(AlertRule::name,
                LinkedHashMap::new, Collectors.toList()));
        Map<String, List<AlertRule>> next = after.stream().collect(Collectors.groupingBy(AlertRule::name,
                LinkedHashMap::new, Collectors.toList()));
        List<String> lines = new ArrayList<>();
        next.forEach((name, rules) -> {
            if (!old.containsKey(name)) {
                MetricExpr metric = rules.getFirst().metric();
                // A scrape's URL may hold credentials: not shown.
                lines.add("+ " + name + " (" + (metric instanceof MetricExpr.Scraped ? "a prometheus: scrape"
                        : metric.text()) + ")");
            } else if (!old.get(name).equals(rules)) {
                lines.add("~ " + name);
            }
        });
        old.keySet().stream().filter(name -> !next.containsKey(name)).forEach(name -> lines.add("- " + name
                + " (its alerts resolve)"));
        return lines;
    }

    private static <T> List<String> byName(List<T> before, List<T> after, Function<T, String> name,
                                           Function<T, String> shown) {
        Map<String, T> old = new LinkedHashMap<>();
        before.forEach(item -> old.put(name.apply(item), item));
        Map<String, T> next = new LinkedHashMap<>();
        after.forEach(item -> next.put(name.apply(item), item));
        List<String> lines = new ArrayList<>();
        next.forEach((key, item) -> {
            if (!old.containsKey(key)) {
                lines.add("+ " + key + " (" + shown.apply(item) + ")");
            } else if (!old.get(key).equals(item)) {
                lines.add("~ " + key);
            }
        });
        old.keySet().stream().filter(key -> !next.containsKey(key)).forEach(key -> lines.add("- " + key));
        return lines;
    }

    /** {@code PREFIX.KEY: BEFORE -> AFTER} per record component that differs; only {@code only}'s when given. */
    private static List<String> fields(String prefix, Record before, Record after, Set<String> only) {
        List<String> lines = new ArrayList<>();
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            if (only != null && !only.contains(component.getName())) {
                continue;
            }
            Object was = value(component, before);
            Object is = value(component, after);
            if (!Objects.equals(was, is)) {
                lines.add(prefix + "." + component.getName() + ": " + show(was) + " -> " + show(is));
            }
        }
        return lines;
    }

    /** {@code PREFIX.KEY} per record component that differs; only {@code only}'s when given. Values not shown. */
    private static List<String> keys(String prefix, Record before, Record after, Set<String> only) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            if ((only == null || only.contains(component.getName()))
                    && !Objects.equals(value(component, before), value(component, after))) {
                keys.add(prefix + "." + component.getName());
            }
        }
        return keys;
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
        }
    }

    private static String show(Object value) {
        return value instanceof Duration duration ? Durations.format(duration)
                : value == null || "".equals(value) ? "none" : value.toString();
    }

    /** Whether the alerts must be reconfigured: their section or their rules (a new service has per-service ones). */
    static boolean alertsChanged(WardenConfig before, WardenConfig after) {
        return !before.alerts().equals(after.alerts()) || !before.alertRules().equals(after.alertRules());
    }
}
