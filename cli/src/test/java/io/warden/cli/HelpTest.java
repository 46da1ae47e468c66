package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code warden --help}: one whole sentence per command, never cut, within the help's width. */
class HelpTest {

    private static String help() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "--help");
        assertThat(exit).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Each command's entry in the list, its continuation lines joined. */
    private static List<String> entries(String help) {
        List<String> entries = new ArrayList<>();
        boolean inList = false;
        for (String line : help.lines().toList()) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList && line.startsWith("             ")) {
                entries.add(entries.removeLast() + " " + line.strip());
            } else if (inList) {
                entries.add(line.strip());
            }
        }
        return entries;
    }

    @Test
    void everyCommandIsListedWithAWholeSentence_andNoLineIsWiderThanTheHelp() {
        String help = help();

        List<String> entries = entries(help);
        assertThat(entries).hasSize(Main.commandNames().size());
        assertThat(entries).allSatisfy(entry -> assertThat(entry).endsWith("."));
        assertThat(entries).contains(
                "start      Starts services, each after the services it depends on.",
                "doctor     Finds what runs outside supervision, what a previous run left behind, and who owns ports.");
        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Main.HELP_WIDTH));
    }

    @Test
    void wrap_breaksBetweenWords_andIndentsTheContinuation() {
        assertThat(Main.wrap("one two three four", 9, 2)).isEqualTo("one two\n  three\n  four");
    }
}
