package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example assessments' rollback steps use Warden's own commands, ones that exist with the
 * options given, never a kill by image name ({@code taskkill /F /IM python.exe} stops every
 * Python on the machine: docs/doctor.md).
 */
class ExampleAssessmentsTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("examples/assessments");

    private static List<String> rollbackLines(Path file) throws IOException {
        JsonNode assessment = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        List<String> lines = new ArrayList<>();
        assessment.path("rollback").forEach(step -> lines.addAll(step.path("command").asText().lines().toList()));
        return lines;
    }

    @Test
    void rollbackSteps_stopAndStartWithWardenCommandsThatParse_andKillNothingByName() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            List<String> lines = rollbackLines(file);
            assertThat(lines).as(file.toString()).noneMatch(line -> line.toLowerCase().contains("taskkill")
                    || line.contains("pkill") || line.contains("killall"));
            assertThat(lines).as(file.toString()).contains("warden stop backend").anyMatch(line ->
                    line.startsWith("warden start backend"));
            for (String line : lines.stream().filter(line -> line.startsWith("warden ")).toList()) {
                List<String> words = Arrays.asList(line.split(" "));
                CommandSpec spec = Main.spec(words.get(1));
                assertThat(spec).as(file + ": " + line).isNotNull();
                Args.parse(spec, words.subList(2, words.size())); // throws on an unknown option
            }
        }
    }
}
