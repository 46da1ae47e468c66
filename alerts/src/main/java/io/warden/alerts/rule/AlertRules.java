package io.warden.alerts.rule;

import io.warden.alerts.metric.Metric;
import io.warden.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Turns the written rules into the rules evaluated: default rules merged with overrides of the
 * same name, absent keys at their defaults, {@code service: "*"} expanded to every service, the
 * disabled left out, and everything checked that binding alone cannot check.
 */
public final class AlertRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private AlertRules() {
    }

    /**
     * @param defaults whether the default rules apply
     * @param written  the rules as bound from {@code alerts.rules}
     * @param services the configured service names
     * @param errorAt  makes the error for a key path below {@code alerts} ({@code rules[2].op})
     * @throws ConfigException from {@code errorAt} at the first problem
     */
    public static List<AlertRule> resolve(boolean defaults, List<AlertRule> written, Set<String> services,
                                          BiFunction<String, String, ConfigException> errorAt) {
        Map<String, AlertRule> byName = new LinkedHashMap<>();
        Map<String, String> keyOf = new LinkedHashMap<>();
        if (defaults) {
            DefaultRules.all().forEach(rule -> byName.put(rule.name(), rule));
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            AlertRule rule = written.get(i);
            String key = "rules[" + i + "]";
            if (rule.name() == null || !NAME.matcher(rule.name()).matches()) {
                throw errorAt.apply(key + (rule.name() == null ? "" : ".name"), "a rule needs a name of 1-64 "
                        + "letters, digits, '.', '_' or '-'" + (rule.name() == null ? "" : ", not '" + rule.name() + "'"));
            }
            if (!seen.add(rule.name())) {
                throw errorAt.apply(key + ".name", "two rules are named '" + rule.name() + "'");
            }
            AlertRule base = byName.get(rule.name());
            byName.put(rule.name(), base == null ? rule : rule.over(base));
            keyOf.put(rule.name(), key);
        }
        List<AlertRule> resolved = new ArrayList<>();
        Set<String> sorted = new TreeSet<>(services);
        for (AlertRule rule : byName.values()) {
            if (!rule.isEnabled()) {
                continue;
            }
            String key = keyOf.getOrDefault(rule.name(), "defaults");
            check(rule, sorted, message -> errorAt.apply(key + message.key, message.problem));
            AlertRule full = rule.withDefaults();
            if ("*".equals(full.service())) {
                sorted.forEach(service -> resolved.add(full.forService(service)));
            } else {
                resolved.add(full);
            }
        }
        return List.copyOf(resolved);
    }

    private record Problem(String key, String problem) {
    }

    private static void check(AlertRule rule, Set<String> services,
                              java.util.function.Function<Problem, ConfigException> fail) {
        String name = "rule '" + rule.name() + "'";
        if (rule.metric() == null) {
            throw fail.apply(new Problem(".name", name + " needs a metric: one of " + Metric.keys()
                    + ", or prometheus:URL#SELECTOR"));
        }
        if (rule.op() == null) {
            throw fail.apply(new Problem(".name", name + " needs an op: one of >, >=, <, <=, ==, !="));
        }
        thresholds(rule, name, fail);
        Metric.Scope scope = rule.metric() instanceof MetricExpr.Builtin builtin ? builtin.metric().scope() : null;
        if (scope == Metric.Scope.SERVICE && rule.service() == null) {
            throw fail.apply(new Problem(".name", name + ": " + rule.metric().text()
                    + " is a service metric; name the service, or service: \"*\" for every service"));
        }
        if ((scope == Metric.Scope.HOST || scope == Metric.Scope.API) && rule.service() != null) {
            throw fail.apply(new Problem(".service", name + ": " + rule.metric().text()
                    + " is not about a service; remove service"));
        }
        if (rule.route() != null && !(rule.metric() instanceof MetricExpr.Builtin b
                && b.metric() == Metric.API_LATENCY_P99)) {
            throw fail.apply(new Problem(".route", name + ": route applies only to api.latencyP99"));
        }
        if (rule.service() != null && !"*".equals(rule.service()) && !services.contains(rule.service())) {
            throw fail.apply(new Problem(".service", "unknown service '" + rule.service() + "'. Services: "
                    + (services.isEmpty() ? "(none configured)" : String.join(", ", services))));
        }
        if (rule.forDuration() != null && rule.forDuration().isNegative()
                || rule.keepFiringFor() != null && rule.keepFiringFor().isNegative()) {
            throw fail.apply(new Problem(".name", name + ": for and keepFiringFor cannot be negative"));
        }
    }

    private static void thresholds(AlertRule rule, String name,
                                   java.util.function.Function<Problem, ConfigException> fail) {
        Double warning = rule.warning();
        Double critical = rule.critical();
        if (warning == null && critical == null) {
            throw fail.apply(new Problem(".name", name + " needs a threshold: warning, critical or both"));
        }
        if ((rule.op() == Op.EQ || rule.op() == Op.NE) && warning != null && critical != null) {
            throw fail.apply(new Problem(".critical", name + ": with " + rule.op()
                    + " give one threshold, warning or critical, not both"));
        }
        if (warning == null || critical == null) {
            return;
        }
        if (rule.op().upward() && critical < warning) {
            throw fail.apply(new Problem(".critical", name + ": with " + rule.op() + " a larger value is worse, so "
                    + "critical (" + critical + ") must be at least warning (" + warning + ")"));
        }
        if (rule.op().downward() && critical > warning) {
            throw fail.apply(new Problem(".critical", name + ": with " + rule.op() + " a smaller value is worse, so "
                    + "critical (" + critical + ") must be at most warning (" + warning + ")"));
        }
    }
}
