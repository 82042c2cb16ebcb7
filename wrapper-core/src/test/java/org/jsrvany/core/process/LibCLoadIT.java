package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Loading the libc mapping (JNA's start, done once the first child runs) starts no process: JNA would otherwise run
 * {@code /sbin/ldconfig -p} to build its library search path, which costs the idle wrapper a JDK reaper thread for a
 * minute and the first restart the time of a process (docs/performance.md, "Idle memory (part C)"). Each case runs in
 * a fresh JVM ({@link LibCProbe}), since this one may have loaded JNA already.
 */
@EnabledOnOs(OS.LINUX)
class LibCLoadIT {

    @Test
    void libcIsLoadedWithoutStartingAProcessAndSignalsWork() throws Exception {
        List<String> out = probe();
        assertThat(out).containsExactly("kill 0", "path ", "reapers 0");
    }

    @Test
    void aSearchPathTheUserChoseIsKept() throws Exception {
        List<String> out = probe("-D" + LibC.JNA_SEARCH_PATH + "=/usr/lib");
        assertThat(out).containsExactly("kill 0", "path /usr/lib", "reapers 0");
    }

    private static List<String> probe(String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(FixtureCommand.javaExecutable().toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classpath(), LibCProbe.class.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text.lines().toList();
    }

    private static String classpath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(LibCProbe.class, LibC.class, com.sun.jna.Native.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }
}
