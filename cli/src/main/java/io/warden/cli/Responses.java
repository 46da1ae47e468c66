package io.warden.cli;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the daemon's error answers (problem+json) into the CLI's messages and exit codes: a
 * problem that is governance refusing the request (an approval refused, a submit refused as
 * incomplete, a transition the lifecycle does not allow) exits 4, "refused by policy"; any other 1.
 */
final class Responses {

    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"([^\"]*)\"");

    /** The titles of the API's governance refusals (api GovernanceProblems). */
    private static final Set<String> REFUSALS = Set.of("Approval Refused", "Incomplete Assessment",
            "Illegal Transition");

    private Responses() {
    }

    /** Returns when the status is 2xx; otherwise throws with the problem's detail. */
    static void check(DaemonClient.Response response) {
        if (response.status() / 100 == 2) {
            return;
        }
        Matcher detail = DETAIL.matcher(response.body());
        String message = detail.find() ? detail.group(1).replace("\\\"", "\"").replace("\\\\", "\\")
                : "the daemon answered " + response.status();
        Matcher title = TITLE.matcher(response.body());
        boolean refused = response.status() == 409 && title.find() && REFUSALS.contains(title.group(1));
        throw new CliException(message, refused ? ExitCodes.REFUSED_BY_POLICY : ExitCodes.FAILURE);
    }
}
