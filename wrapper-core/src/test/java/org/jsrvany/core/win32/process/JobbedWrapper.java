package org.jsrvany.core.win32.process;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.samples.Fixture;
import org.jsrvany.samples.FixtureCommand;

/**
 * A wrapper for {@link NestedJobWindowsIT}, run as a process of its own that the test puts into a job
 * first: it launches the sleeping fixture through the real Windows process control (fixture pids into
 * {@code args[0]}), writes the launch warnings to {@code args[1]}, and waits for the child (or its own end).
 */
public final class JobbedWrapper {
    private JobbedWrapper() {
    }

    public static void main(String[] args) throws Exception {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
        String parameters = WindowsCommandLine.joinArguments(List.of("-cp", FixtureCommand.classpath(),
                Fixture.class.getName(), "--sleep-forever", "--pids-file", args[0]));
        ServiceConfig config = new ConfigLoader(System.getenv(), true, w -> {
        }).load("jobbed", new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, parameters));
        ChildProcess child = WindowsProcesses.processControl().launch(config);
        drain(child.stdout());
        drain(child.stderr());
        Path report = Path.of(args[1]);
        Path partial = report.resolveSibling(report.getFileName() + ".tmp");
        Files.writeString(partial, "warnings=" + child.launchWarnings() + "\n", StandardCharsets.UTF_8);
        Files.move(partial, report);
        child.onExit().join();
    }

    private static void drain(InputStream in) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // the child is gone
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
    }
}
