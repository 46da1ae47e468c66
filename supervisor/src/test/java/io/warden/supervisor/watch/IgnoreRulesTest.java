package io.warden.supervisor.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgnoreRulesTest {

    @TempDir
    Path dir;

    private boolean ignored(IgnoreRules rules, String path) {
        return rules.ignored(dir, dir.resolve(path), false);
    }

    @Test
    void defaults_coverVcsCachesDependenciesEditorsAndTheStateDir() {
        IgnoreRules rules = IgnoreRules.load(dir, List.of(), List.of(dir.resolve(".warden")), true);
        assertThat(ignored(rules, ".git/index")).isTrue();
        assertThat(ignored(rules, "pkg/__pycache__/mod.cpython-311.pyc")).isTrue();
        assertThat(ignored(rules, "web/node_modules/x/index.js")).isTrue();
        assertThat(ignored(rules, "app.py.swp")).isTrue();
        assertThat(ignored(rules, "app.py~")).isTrue();
        assertThat(ignored(rules, ".warden/logs/web.log")).isTrue();
        assertThat(ignored(rules, "app.py")).isFalse();
        assertThat(ignored(rules, "pkg/mod.py")).isFalse();
    }

    @Test
    void gitignore_namesAnchoredFolderOnlyAndNegatedRules() throws IOException {
        Files.writeString(dir.resolve(".gitignore"), """
                # build output
                *.log
                /dist
                build/
                docs/**/*.html
                !keep.log
                """);
        IgnoreRules rules = IgnoreRules.load(dir, List.of("tmp/*.json"), List.of(), true);
        assertThat(ignored(rules, "server.log")).isTrue();
        assertThat(ignored(rules, "deep/er/server.log")).isTrue();
        assertThat(ignored(rules, "keep.log")).isFalse();
        assertThat(ignored(rules, "dist/app.js")).isTrue();
        assertThat(ignored(rules, "src/dist/app.js")).isFalse(); // anchored at the workdir
        assertThat(ignored(rules, "src/build/out.o")).isTrue(); // a folder at any depth
        assertThat(ignored(rules, "build")).isFalse(); // build/ is a folder rule, this is a file
        assertThat(ignored(rules, "docs/a/b/page.html")).isTrue();
        assertThat(ignored(rules, "docs/page.html")).isTrue();
        assertThat(ignored(rules, "tmp/x.json")).isTrue();
        assertThat(ignored(rules, "tmp/sub/x.json")).isFalse();
    }

    @Test
    void gitignoreOff_keepsDefaultsAndOwnGlobsOnly() throws IOException {
        Files.writeString(dir.resolve(".gitignore"), "*.py\n");
        IgnoreRules rules = IgnoreRules.load(dir, List.of("*.tmp"), List.of(), false);
        assertThat(ignored(rules, "app.py")).isFalse();
        assertThat(ignored(rules, "a.tmp")).isTrue();
        assertThat(ignored(rules, ".git/HEAD")).isTrue();
    }

    @Test
    void globsOfWatchPaths_selectFilesBelowTheirFolder() throws IOException {
        Files.createDirectories(dir.resolve("src/deep"));
        Files.writeString(dir.resolve("main.py"), "");
        WatchTargets targets = WatchTargets.of(dir, List.of("src/**/*.py", "main.py"));
        assertThat(targets.roots()).containsExactly(dir.toAbsolutePath().normalize());
        assertThat(targets.covers(dir.resolve("src/deep/a.py"))).isTrue();
        assertThat(targets.covers(dir.resolve("src/a.py"))).isTrue();
        assertThat(targets.covers(dir.resolve("src/a.txt"))).isFalse();
        assertThat(targets.covers(dir.resolve("main.py"))).isTrue();
        assertThat(targets.covers(dir.resolve("other.py"))).isFalse();
    }

    @Test
    void missingWatchPath_isRefusedWithTheFix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WatchTargets.of(dir, List.of("scr")))
                .isInstanceOf(WatchException.class)
                .hasMessage("watch path 'scr' does not exist in " + dir.toAbsolutePath().normalize()
                        + "; write a folder, a file or a glob such as src/**/*.py relative to the workdir");
    }
}
