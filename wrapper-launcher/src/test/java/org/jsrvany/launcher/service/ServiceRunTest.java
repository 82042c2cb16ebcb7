package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.process.ProcessControl;
import org.junit.jupiter.api.Test;

/** ServiceMain's flow where no child is started: what the SCM hears and what the event log gets. */
class ServiceRunTest {
    private final RecordingHost recorder = new RecordingHost();

    private ServiceRun service(MapSource source, List<String> warnings, java.util.function.Supplier<ProcessControl> processes) {
        return new ServiceRun("svc", recorder.host(RecordingHost.configs(source, warnings), processes,
                () -> new ShutdownBudgets(Duration.ofSeconds(5), Optional.of(Duration.ofSeconds(20))),
                RecordingHost.idleScheduler()));
    }

    @Test
    void aMissingApplicationStopsWithTheConfigurationCodeNeverLeavingStartPending() {
        MapSource empty = new MapSource("HKLM\\SYSTEM\\CurrentControlSet\\Services\\svc\\Parameters");
        service(empty, List.of(), () -> {
            throw new AssertionError("no process may be started");
        }).run();

        assertThat(recorder.statuses()).containsExactly(
                new ScmStatus(ScmStatus.SERVICE_START_PENDING, 0, 0, 0, 1, 10_000),
                new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 1066, 0x20000003, 0, 0));
        assertThat(recorder.eventIds()).containsExactly(ServiceEvents.STARTING, ServiceEvents.CONFIG_INVALID);
        assertThat(recorder.events().get(1).text())
                .contains("- Application is not set in HKLM\\SYSTEM\\CurrentControlSet\\Services\\svc\\Parameters");
        assertThat(recorder.endedWith).isEmpty();
    }

    @Test
    void warningsAreWrittenBeforeTheProblems() {
        MapSource bad = new MapSource("HKLM\\P").put(Param.APP_PRIORITY, new org.jsrvany.core.config.RawValue.Dword(7));
        service(bad, List.of("AppStdin"), () -> {
            throw new AssertionError("no process may be started");
        }).run();
        assertThat(recorder.eventIds()).containsExactly(ServiceEvents.STARTING, ServiceEvents.CONFIG_WARNINGS,
                ServiceEvents.CONFIG_INVALID);
        assertThat(recorder.events().get(2).text()).contains("Application is not set", "AppPriority is 7");
        assertThat(recorder.lastStatus()).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 1066, 0x20000003, 0, 0));
    }

    @Test
    void aWrapperFailureIsReportedAsStoppedWithTheWrapperCode() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jsrvany-run");
        try {
            MapSource ok = new MapSource("HKLM\\P").put(Param.APPLICATION, org.jsrvany.samples.FixtureCommand.javaExecutable()
                    .toString()).put(Param.APP_DIRECTORY, dir.toString());
            service(ok, List.of(), () -> {
                throw new IllegalStateException("no process control here");
            }).run();
        } finally {
            java.nio.file.Files.deleteIfExists(dir);
        }
        assertThat(recorder.lastStatus()).isEqualTo(new ScmStatus(ScmStatus.SERVICE_STOPPED, 0, 1066, 0x20000001, 0, 0));
        assertThat(recorder.eventIds()).containsExactly(ServiceEvents.STARTING, ServiceEvents.WRAPPER_FAILED);
        assertThat(recorder.events().get(1).text()).contains("no process control here");
    }

    @Test
    void unreadableShutdownTimingFallsBackAndTheServiceStillReportsItsEnd() {
        ServiceRun run = new ServiceRun("svc", recorder.host(RecordingHost.configs(new MapSource("HKLM\\P"), List.of()),
                () -> {
                    throw new AssertionError("no process may be started");
                }, () -> {
                    throw new IllegalStateException("SCM unreachable");
                }, RecordingHost.idleScheduler()));
        run.run();
        assertThat(recorder.lastStatus().currentState()).isEqualTo(ScmStatus.SERVICE_STOPPED);
    }

    @Test
    void beforeTheSupervisorExistsOnlyInterrogateIsAnswered() {
        ServiceRun run = service(new MapSource("HKLM\\P"), List.of(), () -> null);
        assertThat(run.handleControl(ScmStatus.SERVICE_CONTROL_INTERROGATE, 0)).isEqualTo(ScmStatus.NO_ERROR);
        assertThat(run.handleControl(ScmStatus.SERVICE_CONTROL_STOP, 0)).isEqualTo(ScmStatus.ERROR_CALL_NOT_IMPLEMENTED);
        assertThat(recorder.statuses()).isEmpty();
    }
}
