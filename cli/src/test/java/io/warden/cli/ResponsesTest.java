package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's problems as the CLI reports them: the detail, and exit 4 for a governance refusal. */
class ResponsesTest {

    private static DaemonClient.Response problem(int status, String title, String detail) {
        return new DaemonClient.Response(status, Map.of(), "{\"type\":\"about:blank\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
    }

    @Test
    void refusalsOfApprovalSubmitAndTransition_exit4_otherProblemsExit1() {
        for (String title : new String[] {"Approval Refused", "Incomplete Assessment", "Illegal Transition"}) {
            assertThatThrownBy(() -> Responses.check(problem(409, title, "no")))
                    .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(4));
        }
        assertThatThrownBy(() -> Responses.check(problem(409, "Start Failed", "backend did not start")))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(1));
    }

    @Test
    void detail_isUnescaped_whateverItsLength() {
        String path = "/tmp/x".repeat(2_000);
        assertThatThrownBy(() -> Responses.check(problem(409, "Start Failed",
                "cannot run \\\"" + path + "\\\":\\n\\u00e9 \\\\ done")))
                .hasMessage("cannot run \"" + path + "\":\né \\ done");
    }
}
