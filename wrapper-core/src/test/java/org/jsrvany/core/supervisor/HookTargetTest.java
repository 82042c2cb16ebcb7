package org.jsrvany.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsrvany.core.config.Hooks.Hook;
import org.jsrvany.core.supervisor.HookRunner.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** AppRedirectHook: where a hook's stream goes, and how its bytes are cut into lines for the file. */
class HookTargetTest {

    @ParameterizedTest(name = "{0} redirect={1} file={2} -> {3}")
    @CsvSource({
            "START_PRE,    true,  true,  FILE",
            "START_POST,   true,  true,  FILE",
            "STOP_PRE,     true,  true,  FILE",
            "EXIT_POST,    true,  true,  FILE",
            "POWER_CHANGE, true,  true,  FILE",
            "POWER_RESUME, true,  true,  FILE",
            // Rotate hooks run inside a rotation, under the file writer's lock: always the log
            "ROTATE_PRE,   true,  true,  LOG",
            "ROTATE_POST,  true,  true,  LOG",
            // AppRedirectHook=0, or the stream not written to a file (console, discarded): the log
            "START_PRE,    false, true,  LOG",
            "EXIT_POST,    false, true,  LOG",
            "START_PRE,    true,  false, LOG",
            "EXIT_POST,    true,  false, LOG",
            "ROTATE_PRE,   false, false, LOG",
    })
    void target(Hook hook, boolean redirect, boolean streamInFile, Target expected) {
        assertThat(HookRunner.target(hook, redirect, streamInFile)).isEqualTo(expected);
    }

    @Test
    void theSplitterHandsOnWholeLinesPiecesOfOverlongOnesAndTheUnfinishedRest() {
        List<String> lines = new ArrayList<>();
        HookRunner.LineSplitter splitter = new HookRunner.LineSplitter(8,
                (line, length) -> lines.add(new String(line, 0, length, StandardCharsets.ISO_8859_1)));
        byte[] a = "one\r\ntw".getBytes(StandardCharsets.ISO_8859_1);
        splitter.accept(a, a.length);
        byte[] b = "o\n0123456789\nlast".getBytes(StandardCharsets.ISO_8859_1);
        splitter.accept(b, b.length);
        assertThat(lines).containsExactly("one\r\n", "two\n", "01234567", "89\n");
        splitter.end();
        assertThat(lines).endsWith("last");
        splitter.end();
        assertThat(lines).hasSize(5);
    }
}
