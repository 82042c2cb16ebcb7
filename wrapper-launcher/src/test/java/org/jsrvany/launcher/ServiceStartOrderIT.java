package org.jsrvany.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The service program reaches {@code StartServiceCtrlDispatcher} before it loads picocli or Logback: the
 * SCM gives it 30 s from process start (Wine 10 s), and on a loaded machine the command-line parser and
 * the log's set-up took long enough to miss Wine's window (error 1053).
 *
 * <p>Shown on Linux with the real launcher jar started as the SCM starts it (no arguments) with
 * {@code os.name} set to Windows: the JVM's class-loading log shows the order. JNA then cannot load the
 * Windows DLLs here, so the run fails after the dispatcher's class was loaded, which is all this test
 * needs. (The real dispatcher under Wine: {@code ServiceProgramWindowsIT}.)
 */
@DisabledOnOs(OS.WINDOWS)
class ServiceStartOrderIT {

    @Test
    void theDispatcherIsReachedBeforePicocliOrLogbackIsLoaded() throws Exception {
        Process p = new ProcessBuilder(FixtureCommand.javaExecutable().toString(), "-Dos.name=Windows Server 2022",
                "-Xlog:class+load=info:stdout:tags", "-jar", LauncherJar.JAR.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> loaded = out.lines().filter(l -> l.startsWith("[class,load]"))
                .map(l -> l.substring("[class,load] ".length()).split(" ")[0]).toList();
        int dispatcher = loaded.indexOf("org.jsrvany.core.win32.scm.ScmDispatcher");
        assertThat(dispatcher).as("the dispatcher's class was loaded:%n%s", out.lines().limit(5).toList())
                .isPositive();
        assertThat(loaded.subList(0, dispatcher))
                .as("classes loaded before the dispatcher")
                .noneMatch(c -> c.startsWith("picocli.") || c.startsWith("ch.qos.logback."));
    }
}
