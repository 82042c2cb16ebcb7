package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jsrvany.core.win32.registry.RegistryValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a real service: throw-away services whose ImagePath is the launcher
 * ({@code "<java.exe>" -Xrs -Xmx64m -jar jsrvany-launcher.jar}, or its classpath), started and
 * controlled through the SCM API, running the samples fixture. Each test removes its service, keys,
 * event source and wrapper log, also when it fails.
 *
 * <p>Under Wine: {@code sc} has no pause/continue (the API is used); ReportEvent is a stub that
 * returns success and stores nothing (the tests check the wrapper log's record that each event was
 * written, not Event Viewer); the SCM stores a PreshutdownTimeout for every service.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(300)
class ServiceProgramWindowsIT {
    private static final Duration BOUND = ThrowAwayService.BOUND;
    private static final int RUNNING_ACCEPTS = Winsvc.SERVICE_ACCEPT_STOP | Winsvc.SERVICE_ACCEPT_PAUSE_CONTINUE
            | Winsvc.SERVICE_ACCEPT_SHUTDOWN;
    private static final int ACCEPT_PRESHUTDOWN = 0x100;

    @TempDir
    Path temp;

    @BeforeEach
    void elevated() {
        assumeTrue(ThrowAwayService.elevated(), "needs an elevated (administrator) process: it creates services");
    }

    @Test
    void startedFromAConsoleItSaysHowToRunInTheForegroundAndExits2() throws Exception {
        List<String> command = new ArrayList<>(List.of(ThrowAwayService.javaExe(), "-Xrs"));
        command.addAll(splitLauncherArguments());
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nul())).start();
        boolean ended = p.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        // Wine differs: its StartServiceCtrlDispatcher takes about 12 s to give up with 1063; Windows fails at once.
        assertThat(ended).as("ended within %s (under Wine the dispatcher needs about 12 s to fail)", BOUND).isTrue();
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("exit code (stderr: %s)", stderr).isEqualTo(2);
        assertThat(stderr.strip()).isEqualTo(ServiceProgram.NOT_A_SERVICE);
        assertThat(stderr).contains("run --config FILE", "'test SERVICE'");
    }

    @Test
    void aMissingApplicationStopsTheServiceWith1066AndTheConfigurationCode() throws Exception {
        try (ThrowAwayService service = ThrowAwayService.create()) {
            service.set("AppThrotle", new RegistryValue.Dword(1)); // a typo: a warning, not an error
            service.start();
            Winsvc.SERVICE_STATUS_PROCESS s = service.awaitState(Winsvc.SERVICE_STOPPED);
            String log = service.wrapperLogText();
            assertThat(s.dwCurrentState).as("state (wrapper log:%n%s)", log).isEqualTo(Winsvc.SERVICE_STOPPED);
            assertThat(service.wrapperLog()).as("the wrapper log in the service's own folder,"
                    + " %%ProgramData%%\\jsrvany\\logs\\<name>").exists();
            assertThat(s.dwWin32ExitCode).as("Win32 exit code").isEqualTo(WinError.ERROR_SERVICE_SPECIFIC_ERROR);
            assertThat(s.dwServiceSpecificExitCode).as("service-specific exit code").isEqualTo(0x20000003);
            assertThat(log).contains("Invalid configuration: Application is not set in HKLM\\SYSTEM\\CurrentControlSet"
                    + "\\Services\\" + service.name + "\\Parameters");
            assertThat(log).contains("'AppThrotle'", "did you mean AppThrottle?");
            // The event source is not registered here: the events are written anyway (under Wine the
            // ReportEvent stub only returns success).
            assertThat(log).contains("Wrote event 1000 (INFORMATION) to the Application log as '" + service.name + "'",
                    "Wrote event 1009 (WARNING)", "Wrote event 1010 (ERROR)");
            assertThat(log).doesNotContain("Writing to the Application event log failed");
        }
    }

    @Test
    void runsTheProgramWithItsDirectoryAndEnvironmentPausesContinuesAndStopsItWithCtrlC() throws Exception {
        Path work = Files.createDirectories(temp.resolve("work dir ünï"));
        Path pids = temp.resolve("pids");
        Path dump = temp.resolve("dump.properties");
        Path ticks = temp.resolve("ticks");
        Path marker = temp.resolve("graceful");
        Path output = temp.resolve("child output.log");
        try (ThrowAwayService service = ThrowAwayService.create(temp.resolve("logs"))) {
            service.runsFixture(work, "--tick", "100", "--tick-file", ticks.toString(), "--dump", dump.toString(),
                            "--shutdown-marker", marker.toString(), "--pids-file", pids.toString(), "--", "an arg")
                    .set("AppEnvironmentExtra", new RegistryValue.MultiSz(List.of("JSRVANY_A=1",
                            "JSRVANY_UNI=ünïcødé ✓", "JSRVANY_REF=%JSRVANY_A%-x")))
                    .set("AppStdout", new RegistryValue.Sz(output.toString()))
                    .set("AppStderr", new RegistryValue.Sz(output.toString()))
                    .preshutdownTimeout(20_000)
                    .registerEventSource();
            service.start();
            Winsvc.SERVICE_STATUS_PROCESS running = service.awaitSettled();
            assertThat(running.dwCurrentState).as("state (wrapper log:%n%s)", service.wrapperLogText())
                    .isEqualTo(Winsvc.SERVICE_RUNNING);
            assertThat(running.dwControlsAccepted).as("PRESHUTDOWN accepted: a preshutdown timeout is configured")
                    .isEqualTo(RUNNING_ACCEPTS | ACCEPT_PRESHUTDOWN);
            assertThat(ThrowAwayService.await(BOUND, () -> Files.exists(pids)))
                    .as("child ready (wrapper log:%n%s)", service.wrapperLogText()).isTrue();
            long child = childPid(pids);
            WinNT.HANDLE childProcess = service.holdProcess(child);
            assertThat(service.wrapperLogText()).contains("Started the child, pid " + child + ":",
                    "Wrote event 1001 (INFORMATION) to the Application log as '" + service.name + "'");

            Properties seen = load(dump);
            assertThat(Path.of(seen.getProperty("cwd"))).isEqualTo(work);
            assertThat(seen.getProperty("env.JSRVANY_A")).isEqualTo("1");
            assertThat(seen.getProperty("env.JSRVANY_UNI")).isEqualTo("ünïcødé ✓");
            assertThat(seen.getProperty("env.JSRVANY_REF")).isEqualTo("1-x");
            assertThat(seen.getProperty("arg." + (Integer.parseInt(seen.getProperty("argc")) - 1)))
                    .as("an argument with a space, passed raw in AppParameters").isEqualTo("an arg");
            assertThat(ThrowAwayService.await(BOUND, () -> read(output).contains("tick 2\n")))
                    .as("the child's output captured to AppStdout: %s", read(output)).isTrue();

            // PAUSE freezes the child: its tick file stops; CONTINUE thaws it.
            assertThat(service.control(Winsvc.SERVICE_CONTROL_PAUSE)).isZero();
            assertThat(service.awaitState(Winsvc.SERVICE_PAUSED).dwCurrentState).isEqualTo(Winsvc.SERVICE_PAUSED);
            long frozen = ticks(ticks);
            assertThat(heldFor(Duration.ofMillis(1000), () -> ticks(ticks) == frozen)).as("no tick while paused").isTrue();
            assertThat(service.control(Winsvc.SERVICE_CONTROL_CONTINUE)).isZero();
            assertThat(service.awaitState(Winsvc.SERVICE_RUNNING).dwCurrentState).isEqualTo(Winsvc.SERVICE_RUNNING);
            assertThat(ThrowAwayService.await(BOUND, () -> ticks(ticks) > frozen)).as("ticking again").isTrue();

            // STOP: Ctrl+C reaches the child, which runs its shutdown hook and exits.
            assertThat(service.control(Winsvc.SERVICE_CONTROL_STOP)).isZero();
            Winsvc.SERVICE_STATUS_PROCESS stopped = service.awaitState(Winsvc.SERVICE_STOPPED);
            assertThat(stopped.dwCurrentState).isEqualTo(Winsvc.SERVICE_STOPPED);
            assertThat(stopped.dwWin32ExitCode).isZero();
            assertThat(stopped.dwServiceSpecificExitCode).isZero();
            assertThat(ThrowAwayService.ended(childProcess, BOUND)).as("child ended").isTrue();
            assertThat(Files.readString(marker).strip()).as("the child stopped gracefully on Ctrl+C")
                    .isEqualTo("graceful " + child);
            assertThat(service.wrapperLogText()).contains("Wrote event 1006", "Wrote event 1007", "Wrote event 1004",
                    "Wrote event 1005");
        }
    }

    @Test
    void aChildIgnoringCtrlCIsTerminatedWithItsGrandchildrenWithinTheLadder() throws Exception {
        Path pids = temp.resolve("pids");
        try (ThrowAwayService service = ThrowAwayService.create(temp.resolve("logs"))) {
            service.runsFixture(temp, "--ignore-sigint", "--spawn-grandchildren", "2", "--pids-file", pids.toString())
                    .set("AppStopMethodConsole", new RegistryValue.Dword(1000));
            service.start();
            assertThat(service.awaitSettled().dwCurrentState).as("state (wrapper log:%n%s)", service.wrapperLogText())
                    .isEqualTo(Winsvc.SERVICE_RUNNING);
            assertThat(ThrowAwayService.await(BOUND, () -> Files.exists(pids)))
                    .as("child ready (wrapper log:%n%s)", service.wrapperLogText()).isTrue();
            List<WinNT.HANDLE> tree = new ArrayList<>();
            for (String line : Files.readAllLines(pids)) {
                tree.add(service.holdProcess(Long.parseLong(line.substring(line.indexOf(' ') + 1).strip())));
            }
            assertThat(tree).hasSize(3);

            long start = System.nanoTime();
            assertThat(service.control(Winsvc.SERVICE_CONTROL_STOP)).isZero();
            Winsvc.SERVICE_STATUS_PROCESS stopped = service.awaitState(Winsvc.SERVICE_STOPPED);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(stopped.dwCurrentState).isEqualTo(Winsvc.SERVICE_STOPPED);
            assertThat(stopped.dwWin32ExitCode).isZero();
            // Ctrl+C (1 s) + WM_CLOSE and WM_QUIT (1.5 s each, waited only when delivered) + the 5 s final
            // grace after terminate is the ladder's bound; a few seconds of margin for the SCM's polling.
            assertThat(took).as("stopped within the ladder's bound").isLessThan(Duration.ofSeconds(1 + 3 + 5 + 6));
            for (WinNT.HANDLE p : tree) {
                assertThat(ThrowAwayService.ended(p, Duration.ofSeconds(5))).as("child and grandchildren ended").isTrue();
            }
            assertThat(service.wrapperLogText()).as("Ctrl+C was sent first").contains("Stop step CONSOLE delivered");
        }
    }

    @Test
    void aCrashingChildIsRestartedWithBackOffAndTheServiceShowsPausedMeanwhile() throws Exception {
        Path starts = temp.resolve("starts");
        try (ThrowAwayService service = ThrowAwayService.create(temp.resolve("logs"))) {
            service.runsFixture(temp, "--exit-code", "1", "--state-file", starts.toString())
                    .set("AppThrottle", new RegistryValue.Dword(60_000));
            service.start();
            assertThat(ThrowAwayService.await(BOUND, () -> service.status().dwCurrentState == Winsvc.SERVICE_PAUSED
                    || service.status().dwCurrentState == Winsvc.SERVICE_STOPPED)).isTrue();
            assertThat(service.status().dwCurrentState).as("waiting to restart shows as PAUSED (wrapper log:%n%s)",
                    service.wrapperLogText()).isEqualTo(Winsvc.SERVICE_PAUSED);
            int accepted = service.status().dwControlsAccepted;
            if (ThrowAwayService.isWine()) {
                assertThat(accepted).as("Wine differs: its SCM stores a PreshutdownTimeout for every service, so"
                        + " PRESHUTDOWN counts as configured").isEqualTo(RUNNING_ACCEPTS | ACCEPT_PRESHUTDOWN);
            } else {
                assertThat(accepted).as("no preshutdown timeout configured").isEqualTo(RUNNING_ACCEPTS);
            }
            assertThat(ThrowAwayService.await(BOUND, () -> startCount(starts) >= 3)).as("restarted twice").isTrue();
            String log = service.wrapperLogText();
            assertThat(log).contains("Restarting in 2000 ms", "Restarting in 4000 ms", "Wrote event 1003 (WARNING)");
            assertThat(service.control(Winsvc.SERVICE_CONTROL_STOP)).isZero();
            Winsvc.SERVICE_STATUS_PROCESS stopped = service.awaitState(Winsvc.SERVICE_STOPPED);
            assertThat(stopped.dwCurrentState).isEqualTo(Winsvc.SERVICE_STOPPED);
            assertThat(stopped.dwWin32ExitCode).isZero();
        }
    }

    @Test
    void aProgramExitingWithAppExitExitStopsTheServiceWithItsCode() throws Exception {
        try (ThrowAwayService service = ThrowAwayService.create(temp.resolve("logs"))) {
            service.runsFixture(temp, "--exit-code", "7").exitAction("", "Exit");
            service.start();
            Winsvc.SERVICE_STATUS_PROCESS s = service.awaitState(Winsvc.SERVICE_STOPPED);
            assertThat(s.dwCurrentState).as("state (wrapper log:%n%s)", service.wrapperLogText())
                    .isEqualTo(Winsvc.SERVICE_STOPPED);
            assertThat(s.dwWin32ExitCode).isEqualTo(WinError.ERROR_SERVICE_SPECIFIC_ERROR);
            assertThat(s.dwServiceSpecificExitCode).isEqualTo(7);
            assertThat(service.wrapperLogText()).contains("Wrote event 1011 (ERROR)");
        }
    }

    @Test
    void suicideEndsTheServiceProcessWithoutReportingStoppedSoTheScmSeesAFailure() throws Exception {
        try (ThrowAwayService service = ThrowAwayService.create(temp.resolve("logs"))) {
            service.runsFixture(temp, "--exit-code", "3", "--exit-after", "1000").exitAction("3", "Suicide");
            service.start();
            int pid = service.status().dwProcessId;
            assertThat(pid).as("the service process, right after StartService").isNotZero();
            WinNT.HANDLE wrapper = service.holdProcess(pid);
            assertThat(ThrowAwayService.ended(wrapper, BOUND)).as("the wrapper process ended (wrapper log:%n%s)",
                    service.wrapperLogText()).isTrue();
            String log = service.wrapperLogText();
            assertThat(log).contains("AppExit says Suicide: ending without reporting STOPPED",
                    "Wrote event 1008 (ERROR)").doesNotContain("stopped on request");
            if (ThrowAwayService.isWine()) {
                assertThat(service.status().dwCurrentState)
                        .as("Wine differs: its SCM does not notice a service process that ends without reporting"
                                + " STOPPED (Windows records STOPPED with 1067 and runs the recovery actions)")
                        .isEqualTo(Winsvc.SERVICE_RUNNING);
            } else {
                Winsvc.SERVICE_STATUS_PROCESS s = service.awaitState(Winsvc.SERVICE_STOPPED);
                assertThat(s.dwCurrentState).isEqualTo(Winsvc.SERVICE_STOPPED);
                assertThat(s.dwWin32ExitCode).as("ERROR_PROCESS_ABORTED: the SCM saw the process vanish").isEqualTo(1067);
            }
        }
    }

    // ---- helpers ----

    private static List<String> splitLauncherArguments() {
        return org.jsrvany.core.cmdline.WindowsCommandLine.splitArguments(ThrowAwayService.launcherArguments());
    }

    private static java.io.File nul() {
        return new java.io.File("NUL");
    }

    private static long childPid(Path pids) throws IOException {
        String first = Files.readAllLines(pids).get(0);
        assertThat(first).startsWith("child ");
        return Long.parseLong(first.substring("child ".length()).strip());
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static long ticks(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0; // being replaced right now
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static long startCount(Path file) {
        return ticks(file);
    }

    /** Whether {@code condition} holds at every poll for {@code period}: a frozen child must stay frozen. */
    private static boolean heldFor(Duration period, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!condition.getAsBoolean()) {
                return false;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
