package io.warden.cli;

import java.util.Optional;
import java.util.Set;

/**
 * Turns the daemon's error answers (problem+json) into the CLI's messages and exit codes: a
 * problem that is governance refusing the request (an approval refused, a submit refused as
 * incomplete, a transition the lifecycle does not allow, a deploy the policy refuses) exits 4,
 * "refused by policy"; any other 1.
 */
final class Responses {

    /** The titles of the API's governance refusals (api GovernanceProblems). */
    private static final Set<String> REFUSALS = Set.of("Approval Refused", "Incomplete Assessment",
            "Illegal Transition", "Deploy Refused");

    private Responses() {
    }

    /** Returns when the status is 2xx; otherwise throws with the problem's detail. */
    static void check(DaemonClient.Response response) {
        if (response.status() / 100 == 2) {
            return;
        }
        String message = stringField(response.body(), "detail").orElse("the daemon answered " + response.status());
        boolean refused = response.status() == 409
                && stringField(response.body(), "title").filter(REFUSALS::contains).isPresent();
        throw new CliException(message, refused ? ExitCodes.REFUSED_BY_POLICY : ExitCodes.FAILURE);
    }

    /**
     * A top-level string member of a flat JSON object, unescaped. Scanned by hand: this runs in
     * the short commands, which load no JSON library, and a regular expression over a long detail
     * overflowed their small thread stacks (-Xss512k).
     */
    static Optional<String> stringField(String json, String name) {
        String key = "\"" + name + "\"";
        int at = json.indexOf(key);
        if (at < 0) {
            return Optional.empty();
        }
        int i = at + key.length();
        while (i < json.length() && (Character.isWhitespace(json.charAt(i)) || json.charAt(i) == ':')) {
            i++;
        }
        if (i >= json.length() || json.charAt(i) != '"') {
            return Optional.empty();
        }
        StringBuilder value = new StringBuilder();
        for (i++; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return Optional.of(value.toString());
            }
            if (c != '\\' || i + 1 >= json.length()) {
                value.append(c);
                continue;
            }
            char escaped = json.charAt(++i);
            switch (escaped) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' -> {
                    if (i + 4 < json.length()) {
                        value.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> value.append(escaped);
            }
        }
        return Optional.empty();
    }
}
