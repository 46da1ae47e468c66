package io.warden.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the daemon's error answers (problem+json) into the CLI's messages and exit codes: a
 * problem titled {@code Refused by Policy} exits 4, any other 1.
 */
final class Responses {

    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

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
        boolean policy = response.body().contains("\"title\":\"Refused by Policy\"");
        throw new CliException(message, policy ? ExitCodes.REFUSED_BY_POLICY : ExitCodes.FAILURE);
    }
}
