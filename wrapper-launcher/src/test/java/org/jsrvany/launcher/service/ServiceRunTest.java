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
        service(bad, List.of("AppRotateDelay"), () -> {
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

    /**
     * ServiceMain's order, as Microsoft asks: the control handler first, START_PENDING at once, and only
     * then the log folder's permissions and the event log's registry reads; at the end the event source is
     * closed and the log flushed before STOPPED, and nothing at all happens after STOPPED.
     */
    @Test
    void serviceMainRegistersFirstAndDoesNothingAfterReportingStopped() {
        java.util.List<java.util.function.IntBinaryOperator> handlers = new java.util.ArrayList<>();
        Optional<RuntimeException> failure = ServiceRun.serviceMain("svc", handler -> {
            recorder.note("handler registered");
            handlers.add(handler);
            assertThat(handler.applyAsInt(ScmStatus.SERVICE_CONTROL_STOP, 0)).as("nothing to stop yet")
                    .isEqualTo(ScmStatus.ERROR_CALL_NOT_IMPLEMENTED);
            assertThat(handler.applyAsInt(ScmStatus.SERVICE_CONTROL_INTERROGATE, 0)).isEqualTo(ScmStatus.NO_ERROR);
            return recorder::status;
        }, status -> recorder.host(status, RecordingHost.configs(new MapSource("HKLM\\P"), List.of()), () -> {
            throw new AssertionError("no process may be started");
        }, () -> new ShutdownBudgets(Duration.ofSeconds(5), Optional.empty()), RecordingHost.idleScheduler()));

        assertThat(failure).isEmpty();
        assertThat(handlers).hasSize(1);
        List<String> journal = recorder.journal();
        assertThat(journal).startsWith("handler registered", "status START_PENDING", "log started", "events opened");
        assertThat(journal).endsWith("events closed", "log stopped", "status STOPPED");
        assertThat(journal).filteredOn(call -> call.startsWith("status STOPPED")).hasSize(1);
    }

    @Test
    void aFailedRegistrationRunsNothing() {
        IllegalStateException refused = new IllegalStateException("RegisterServiceCtrlHandlerExW failed with error 1063");
        Optional<RuntimeException> failure = ServiceRun.serviceMain("svc", handler -> {
            throw refused;
        }, status -> {
            throw new AssertionError("no host without a status handle");
        });

        assertThat(failure).containsSame(refused);
        assertThat(recorder.journal()).isEmpty();
    }

    @Test
    void anInvalidConfigurationClosesTheEventLogAndTheLogBeforeStopped() {
        service(new MapSource("HKLM\\P"), List.of(), () -> {
            throw new AssertionError("no process may be started");
        }).run();

        assertThat(recorder.journal()).containsExactly("status START_PENDING", "log started", "events opened",
                "events closed", "log stopped", "status STOPPED");
    }
}
