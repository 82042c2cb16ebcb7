package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.run.Platform;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.process.ProcessControl;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.samples.FixtureCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ServiceMain's flow with a real child (the fixture, through the POSIX process control): what the
 * SCM and the event log receive through a whole service life. The Windows lane runs the same flow
 * through the real SCM (ServiceProgramWindowsIT).
 */
@EnabledOnOs(OS.LINUX)
@Timeout(120)
class ServiceRunIT {
    private static final int RUNNING_ACCEPTS = ScmStatus.SERVICE_ACCEPT_STOP | ScmStatus.SERVICE_ACCEPT_PAUSE_CONTINUE
            | ScmStatus.SERVICE_ACCEPT_SHUTDOWN | ScmStatus.SERVICE_ACCEPT_PRESHUTDOWN;
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final RecordingHost recorder = new RecordingHost();
    private final List<Thread> threads = new ArrayList<>();
    private ServiceRun service;

    @AfterEach
    void stopWhateverRuns() throws InterruptedException {
        if (service != null) {
            service.handleControl(ScmStatus.SERVICE_CONTROL_STOP, 0);
        }
        for (Thread t : threads) {
            t.join(BOUND.toMillis());
        }
    }

    private MapSource fixture(String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(flags));
        return new MapSource("HKLM\\SYSTEM\\CurrentControlSet\\Services\\svc\\Parameters")
                .put(Param.APPLICATION, FixtureCommand.javaExecutable().toString())
                .put(Param.APP_PARAMETERS, WindowsCommandLine.joinArguments(args))
                .put(Param.APP_DIRECTORY, dir.toString());
    }

    private Thread start(MapSource source) {
        service = new ServiceRun("svc", recorder.host(RecordingHost.configs(source, List.of()), () -> Platform.current().processes(),
                () -> new ShutdownBudgets(Duration.ofSeconds(5), Optional.of(Duration.ofSeconds(20))), Scheduler.system()));
        Thread t = new Thread(service::run, "service-main");
        t.start();
        threads.add(t);
        return t;
    }

    private void awaitState(int state) {
        await().atMost(BOUND).until(() -> recorder.lastStatus() != null && recorder.lastStatus().currentState() == state);
    }

    @Test
    void startPauseContinueStop() throws Exception {
        Path pids = dir.resolve("pids");
        recorder.statusFile = dir.resolve("state/svc.properties");
        Thread main = start(fixture("--sleep-forever", "--pids-file", pids.toString()));
        awaitState(ScmStatus.SERVICE_RUNNING);
        assertThat(recorder.lastStatus()).isEqualTo(new ScmStatus(ScmStatus.SERVICE_RUNNING, RUNNING_ACCEPTS, 0, 0, 0, 0));
        await().atMost(BOUND).until(() -> Files.exists(pids));
        long childPid = Long.parseLong(Files.readAllLines(pids).get(0).substring("child ".length()));
        assertThat(recorder.events().get(1).text()).contains("process " + childPid);
        // What 'jsrvany status' reads: this wrapper, its child, no restart yet.
        var published = org.jsrvany.core.status.PublishedStatus.read(recorder.statusFile).orElseThrow();
        assertThat(published.wrapperPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(published.childPid()).hasValue(childPid);
        assertThat(published.restarts()).isZero();

        assertThat(service.handleControl(ScmStatus.SERVICE_CONTROL_PAUSE, 0)).isZero();
        awaitState(ScmStatus.SERVICE_PAUSED);
        assertThat(service.handleControl(ScmStatus.SERVICE_CONTROL_CONTINUE, 0)).isZero();
        awaitState(ScmStatus.SERVICE_RUNNING);
        assertThat(service.handleControl(ScmStatus.SERVICE_CONTROL_INTERROGATE, 0)).isZero();
        assertThat(service.handleControl(ScmStatus.SERVICE_CONTROL_STOP, 0)).isZero();
        main.join(BOUND.toMillis());
        assertThat(main.isAlive()).isFalse();
        service = null;

        List<ScmStatus> statuses = recorder.statuses();
        assertThat(statuses.get(statuses.size() - 1)).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 0, 0, 0, 0));
        assertThat(statuses).extracting(ScmStatus::currentState).containsSubsequence(
                ScmStatus.SERVICE_START_PENDING, ScmStatus.SERVICE_RUNNING, ScmStatus.SERVICE_PAUSE_PENDING,
                ScmStatus.SERVICE_PAUSED, ScmStatus.SERVICE_CONTINUE_PENDING, ScmStatus.SERVICE_RUNNING,
                ScmStatus.SERVICE_STOP_PENDING, ScmStatus.SERVICE_STOPPED);
        assertThat(statuses).filteredOn(s -> s.currentState() == ScmStatus.SERVICE_STOPPED).as("STOPPED exactly once")
                .hasSize(1);
        assertThat(recorder.journal()).as("the last event written, the event source and the log closed, then STOPPED;"
                + " nothing after it").endsWith("events closed", "log stopped", "status STOPPED");
        assertThat(statuses).filteredOn(s -> s.currentState() != ScmStatus.SERVICE_RUNNING
                && s.currentState() != ScmStatus.SERVICE_PAUSED).allSatisfy(s ->
                assertThat(s.controlsAccepted()).as("nothing accepted while pending or stopped").isZero());
        assertThat(recorder.eventIds()).containsExactly(ServiceEvents.STARTING, ServiceEvents.CHILD_STARTED,
                ServiceEvents.PAUSED, ServiceEvents.CONTINUED, ServiceEvents.STOPPING, ServiceEvents.STOPPED);
        assertThat(recorder.events().get(4).text()).contains("a STOP request from the service manager");
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false)).as("child gone").isFalse();
        assertThat(org.jsrvany.core.status.PublishedStatus.read(recorder.statusFile).orElseThrow().childPid())
                .as("no child published after the stop").isEmpty();
    }

    @Test
    void aProgramExitingNonZeroWithAppExitExitStopsWithAServiceSpecificCode() throws Exception {
        Thread main = start(fixture("--exit-code", "7").exitAction("", "Exit"));
        main.join(BOUND.toMillis());
        service = null;
        assertThat(recorder.lastStatus()).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 1066, 7, 0, 0));
        assertThat(recorder.eventIds()).containsExactly(ServiceEvents.STARTING, ServiceEvents.CHILD_STARTED,
                ServiceEvents.CHILD_EXITED, ServiceEvents.STOPPED_PROGRAM_FAILED);
    }

    @Test
    void suicideEndsTheProcessWithoutReportingStopped() throws Exception {
        Thread main = start(fixture("--exit-code", "3").exitAction("3", "Suicide"));
        main.join(BOUND.toMillis());
        service = null;
        assertThat(recorder.endedWith).containsExactly(3);
        assertThat(recorder.statuses()).extracting(ScmStatus::currentState).doesNotContain(ScmStatus.SERVICE_STOPPED);
        assertThat(recorder.journal()).as("events and log closed before the process ends, nothing after")
                .endsWith("events closed", "log stopped", "ended 3");
        assertThat(recorder.eventIds()).endsWith(ServiceEvents.CHILD_EXITED, ServiceEvents.SUICIDE);
    }

    @Test
    void aCrashingProgramIsRestartedWithBackOffShownAsPaused() throws Exception {
        Path state = dir.resolve("starts");
        Thread main = start(fixture("--exit-code", "1", "--state-file", state.toString())
                .put(Param.APP_THROTTLE, new RawValue.Dword(60_000)));
        await().atMost(BOUND).until(() -> recorder.eventIds().contains(ServiceEvents.RESTART_DELAYED));
        awaitState(ScmStatus.SERVICE_PAUSED);
        assertThat(recorder.lastStatus().controlsAccepted()).isEqualTo(RUNNING_ACCEPTS);
        EventMessage delayed = recorder.events().stream().filter(e -> e.id() == ServiceEvents.RESTART_DELAYED)
                .findFirst().orElseThrow();
        assertThat(delayed.text()).contains("restarting its program in 2 s", "AppThrottle (1 min)");
        // CONTINUE skips the wait: the program starts again at once.
        service.handleControl(ScmStatus.SERVICE_CONTROL_CONTINUE, 0);
        await().atMost(BOUND).until(() -> Files.exists(state) && Files.readString(state).strip().equals("2"));
        service.handleControl(ScmStatus.SERVICE_CONTROL_STOP, 0);
        main.join(BOUND.toMillis());
        service = null;
        assertThat(recorder.lastStatus()).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 0, 0, 0, 0));
    }

    /**
     * NSSM's control 128 through the real path: answered NO_ERROR at once, and the output file is rotated
     * (AppRotateOnline=1) while the program keeps running.
     */
    @Test
    void control128RotatesTheOutputFile() throws Exception {
        Path log = dir.resolve("out.log");
        start(fixture("--lines", "3", "--sleep-forever").put(Param.APP_STDOUT, log.toString())
                .put(Param.APP_ROTATE_ONLINE, new RawValue.Dword(1)));
        awaitState(ScmStatus.SERVICE_RUNNING);
        await().atMost(BOUND).until(() -> Files.exists(log) && Files.readAllLines(log).size() == 3);
        String before = Files.readString(log);
        assertThat(service.handleControl(ScmStatus.NSSM_CONTROL_ROTATE, 0)).isEqualTo(ScmStatus.NO_ERROR);
        await().atMost(BOUND).until(() -> rotated(log).size() == 1);
        assertThat(Files.readString(rotated(log).get(0))).isEqualTo(before);
        assertThat(!Files.exists(log) || Files.size(log) == 0).as("the new file starts empty, when the program next"
                + " writes").isTrue();
        assertThat(recorder.lastStatus().currentState()).as("the program runs on").isEqualTo(ScmStatus.SERVICE_RUNNING);
    }

    private static List<Path> rotated(Path log) throws java.io.IOException {
        try (var files = Files.list(log.getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("out-\\d{8}T\\d{6}\\.\\d{3}(-\\d+)?\\.log"))
                    .toList();
        }
    }

    /**
     * The control table, through the real path (HandlerEx's handler, the supervisor's queue, a real
     * child): unhandled controls are refused and change nothing, INTERROGATE is answered, and each kind
     * of stop names its budget in the stopping event (SHUTDOWN 5 s, PRESHUTDOWN 20 s here).
     */
    @ParameterizedTest(name = "control {0} stops with \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "1  | a STOP request from the service manager",
            "5  | the system is shutting down (SHUTDOWN; the program gets 5 s at most)",
            "15 | the system is shutting down (PRESHUTDOWN; the program gets 20 s at most)"})
    void eachControlReachesTheSupervisor(int stopControl, String reason) throws Exception {
        Thread main = start(fixture("--sleep-forever"));
        awaitState(ScmStatus.SERVICE_RUNNING);
        for (int unhandled : new int[] {6, 11, 16, 129}) {
            assertThat(service.handleControl(unhandled, 0)).as("control %d", unhandled)
                    .isEqualTo(ScmStatus.ERROR_CALL_NOT_IMPLEMENTED);
        }
        assertThat(service.handleControl(ScmStatus.SERVICE_CONTROL_INTERROGATE, 0)).isEqualTo(ScmStatus.NO_ERROR);
        assertThat(recorder.lastStatus().currentState()).as("nothing changed").isEqualTo(ScmStatus.SERVICE_RUNNING);
        assertThat(service.handleControl(stopControl, 0)).isEqualTo(ScmStatus.NO_ERROR);
        main.join(BOUND.toMillis());
        service = null;
        assertThat(recorder.lastStatus()).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 0, 0, 0, 0));
        EventMessage stopping = recorder.events().stream().filter(e -> e.id() == ServiceEvents.STOPPING)
                .findFirst().orElseThrow();
        assertThat(stopping.text()).contains(reason);
    }

    /**
     * Output the capture could not write is counted and told to the event log (1014) before the last
     * event: here the output file is deleted while the program writes, so what it wrote to the deleted
     * file is lost, and the capture says so in the new file.
     */
    @Test
    void lostOutputIsAWarningEventWithTheCount() throws Exception {
        Path out = dir.resolve("out.log");
        Thread main = start(fixture("--lines", "100000", "--line-interval", "20")
                .put(Param.APP_STDOUT, out.toString()));
        awaitState(ScmStatus.SERVICE_RUNNING);
        await().atMost(BOUND).until(() -> Files.exists(out) && Files.size(out) > 0);
        Files.delete(out);
        await().atMost(BOUND).until(() -> Files.exists(out) && Files.readString(out).contains("bytes of output were lost here"));
        service.handleControl(ScmStatus.SERVICE_CONTROL_STOP, 0);
        main.join(BOUND.toMillis());
        service = null;
        List<Integer> ids = recorder.eventIds();
        assertThat(ids).contains(ServiceEvents.OUTPUT_LOST);
        assertThat(ids.indexOf(ServiceEvents.OUTPUT_LOST)).as("told before the last event")
                .isLessThan(ids.indexOf(ServiceEvents.STOPPED));
        String marker = Files.readString(out);
        long lostInFile = Long.parseLong(marker.substring(marker.indexOf("[jsrvany: ") + 10, marker.indexOf(" bytes of output")));
        EventMessage lost = recorder.events().stream().filter(e -> e.id() == ServiceEvents.OUTPUT_LOST).findFirst().orElseThrow();
        assertThat(lost.level()).isEqualTo(org.jsrvany.core.win32.eventlog.EventLogWriter.Level.WARNING);
        assertThat(lost.text()).contains(lostInFile + " bytes of the program's output could not be written");
    }
}
