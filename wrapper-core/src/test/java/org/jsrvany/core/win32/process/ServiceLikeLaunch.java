package org.jsrvany.core.win32.process;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StopStep;
import org.jsrvany.core.process.ChildProcess;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.jsrvany.samples.Fixture;
import org.jsrvany.samples.FixtureCommand;

/**
 * {@link ChildConsoleWindowsIT}'s wrapper in a process of its own, started with no console at all
 * ({@code DETACHED_PROCESS}), as the service manager starts a service: launches the fixture with AppConsoleCodePage
 * {@code args[0]} through the service's process control, records what the wrapper is left with, sends Ctrl+C, and
 * writes everything to {@code args[1]/result.properties}. Arguments: code page, work folder.
 */
final class ServiceLikeLaunch {
    private static final int[] STD = {Kernel32Ex.STD_INPUT_HANDLE, Kernel32Ex.STD_OUTPUT_HANDLE,
            Kernel32Ex.STD_ERROR_HANDLE};

    private ServiceLikeLaunch() {
    }

    public static void main(String[] args) throws Exception {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
        int codePage = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        Properties result = new Properties();
        try {
            run(codePage, work, result);
        } catch (Exception | AssertionError e) {
            result.setProperty("failure", e.toString());
        }
        StringWriter text = new StringWriter();
        result.store(text, "ServiceLikeLaunch");
        Path tmp = work.resolve("result.tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, work.resolve("result.properties"), StandardCopyOption.ATOMIC_MOVE);
        System.exit(0);
    }

    private static void run(int codePage, Path work, Properties result) throws Exception {
        result.setProperty("routeBefore", ConsoleCtrl.currentRoute().name());
        String before = stdHandles();
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), Fixture.class.getName(),
                "--dump", work.resolve("dump").toString(), "--pids-file", work.resolve("pids").toString(),
                "--shutdown-marker", work.resolve("graceful").toString(), "--sleep-forever"));
        ServiceConfig config = new ConfigLoader(System.getenv(), true, w -> {
        }).load("console-cp-it", new MapSource("test").put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_CONSOLE_CODE_PAGE, new RawValue.Dword(codePage)));
        ChildProcess child = WindowsProcesses.processControl().launch(config);
        new WinTree.Lines(child.stdout(), "stdout");
        new WinTree.Lines(child.stderr(), "stderr");
        result.setProperty("console", ((WindowsChild) child).console().name());
        result.setProperty("warnings", String.join("\n", child.launchWarnings()));
        result.setProperty("routeAfter", ConsoleCtrl.currentRoute().name());
        result.setProperty("consoleWindowAfter", String.valueOf(Kernel32.INSTANCE.GetConsoleWindow() != null));
        result.setProperty("stdHandlesBack", String.valueOf(before.equals(stdHandles())));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(work.resolve("pids")) && System.nanoTime() - deadline < 0) {
            Thread.sleep(20); // polling a file another process writes, bounded: no fixed wait
        }
        Properties dump = new Properties();
        try (var in = Files.newBufferedReader(work.resolve("dump"), StandardCharsets.UTF_8)) {
            dump.load(in);
        }
        result.setProperty("child.cp", dump.getProperty("console.cp"));
        result.setProperty("child.outputcp", dump.getProperty("console.outputcp"));
        result.setProperty("ctrlC", String.valueOf(child.deliver(StopStep.CONSOLE, Duration.ofSeconds(60))));
        result.setProperty("exitCode", String.valueOf(child.onExit().get(30, TimeUnit.SECONDS)));
    }

    private static String stdHandles() {
        StringBuilder s = new StringBuilder();
        for (int which : STD) {
            HANDLE h = Kernel32.INSTANCE.GetStdHandle(which);
            s.append(h == null ? 0 : Pointer.nativeValue(h.getPointer())).append(' ');
        }
        return s.toString();
    }
}
