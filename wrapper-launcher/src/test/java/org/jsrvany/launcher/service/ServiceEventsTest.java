package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.jsrvany.core.supervisor.ExitDecision;
import org.jsrvany.core.supervisor.ServiceOutcome;
import org.jsrvany.core.win32.eventlog.EventLogSource;
import org.jsrvany.core.win32.eventlog.EventLogWriter.Level;
import org.junit.jupiter.api.Test;

/** The text and ids of every lifecycle event, as Event Viewer will show them. */
class ServiceEventsTest {
    private final ServiceEvents events = new ServiceEvents("My Svc");

    @Test
    void idsAreStableAndDistinct() {
        assertThat(List.of(ServiceEvents.STARTING, ServiceEvents.CHILD_STARTED, ServiceEvents.CHILD_EXITED,
                ServiceEvents.RESTART_DELAYED, ServiceEvents.STOPPING, ServiceEvents.STOPPED, ServiceEvents.PAUSED,
                ServiceEvents.CONTINUED, ServiceEvents.SUICIDE, ServiceEvents.CONFIG_WARNINGS, ServiceEvents.CONFIG_INVALID,
                ServiceEvents.STOPPED_PROGRAM_FAILED, ServiceEvents.LAUNCH_FAILED, ServiceEvents.WRAPPER_FAILED,
                ServiceEvents.OUTPUT_LOST, ServiceEvents.CHILD_WARNING))
                .containsExactly(1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                        1015);
    }

    @Test
    void readinessAndLivenessEventsHaveTheirOwnIdsAndNameTheCheckAndWhatItSaw() {
        assertThat(List.of(ServiceEvents.PROGRAM_READY, ServiceEvents.HEALTH_FAILED, ServiceEvents.HEALTH_WARNING,
                ServiceEvents.STOPPED_NOT_READY)).containsExactly(1030, 1031, 1032, 1033);
        EventMessage ready = events.programReady(42, Duration.ofMillis(2500), "HTTP 200");
        assertThat(ready.id()).isEqualTo(1030);
        assertThat(ready.text()).isEqualTo("Service 'My Svc': its program (process 42) is ready after 2.5 s (AppReadyCheck"
                + " saw HTTP 200).");
        EventMessage failed = events.healthFailed(42, "http://127.0.0.1:8080/health", "no answer within 5000 ms", 3);
        assertThat(failed.id()).isEqualTo(1031);
        assertThat(failed.level()).isEqualTo(Level.WARNING);
        assertThat(failed.text()).isEqualTo("Service 'My Svc': the health check http://127.0.0.1:8080/health failed 3"
                + " times in a row for its program (process 42); the last check saw: no answer within 5000 ms. The"
                + " program is stopped through the stop ladder and started again.");
        EventMessage notReady = events.programNotReady(42, "tcp:127.0.0.1:8080", "Connection refused",
                Duration.ofSeconds(60), true);
        assertThat(notReady.level()).isEqualTo(Level.ERROR);
        assertThat(notReady.text()).endsWith("was not ready within AppReadyTimeout (1 min): tcp:127.0.0.1:8080 saw"
                + " Connection refused. It is stopped (AppReadyTimeoutAction=Stop).");
        assertThat(events.programNotReady(42, "c", "s", Duration.ofSeconds(1), false).level()).isEqualTo(Level.WARNING);
        EventMessage stopped = events.stopped(new ServiceOutcome.NotReady("it exited with code 3 after 300 ms, before"
                + " tcp:127.0.0.1:8080 passed", OptionalInt.of(3)));
        assertThat(stopped.id()).isEqualTo(1033);
        assertThat(stopped.text()).isEqualTo("Service 'My Svc' did not start: its program did not become ready: it exited"
                + " with code 3 after 300 ms, before tcp:127.0.0.1:8080 passed. The service manager was told: error 1066"
                + " (ERROR_SERVICE_SPECIFIC_ERROR) with service-specific code 536870928 (0x20000010).");
        assertThat(events.childExited(42, 3, Duration.ofMillis(300), new ExitDecision.NotReady()).text())
                .endsWith("It had not passed its readiness check (AppReadyCheck), so the service's start fails.");
    }

    @Test
    void aChildWarningIsAWarningNamingTheProcess() {
        EventMessage e = events.childWarning(77, "The program (pid 77) runs outside any job object of jsrvany");
        assertThat(e.id()).isEqualTo(ServiceEvents.CHILD_WARNING);
        assertThat(e.level()).isEqualTo(Level.WARNING);
        assertThat(e.text()).isEqualTo("Service 'My Svc', program process 77: The program (pid 77) runs outside any job"
                + " object of jsrvany.");
    }

    @Test
    void startingNamesVersionPidAndLog() {
        EventMessage e = events.starting(4242, "1.2.3", "C:\\ProgramData\\jsrvany\\logs\\My Svc.log");
        assertThat(e.id()).isEqualTo(1000);
        assertThat(e.level()).isEqualTo(Level.INFORMATION);
        assertThat(e.text()).isEqualTo("Service 'My Svc' is starting: jsrvany 1.2.3, wrapper process 4242."
                + " The wrapper's own log: C:\\ProgramData\\jsrvany\\logs\\My Svc.log.");
    }

    @Test
    void everyConfigurationProblemIsInTheEventOneLineEach() {
        EventMessage e = events.configInvalid("HKLM\\SYSTEM\\CurrentControlSet\\Services\\My Svc\\Parameters",
                List.of("Application is not set in X: set it.", "AppPriority is 7: expected one of ..."));
        assertThat(e.id()).isEqualTo(1010);
        assertThat(e.level()).isEqualTo(Level.ERROR);
        assertThat(e.text()).isEqualTo("Service 'My Svc' cannot start: its configuration in"
                + " HKLM\\SYSTEM\\CurrentControlSet\\Services\\My Svc\\Parameters is invalid (2 problems):\r\n"
                + "- Application is not set in X: set it.\r\n"
                + "- AppPriority is 7: expected one of ...\r\n"
                + "Nothing was started. Fix the values and start the service again; the service manager was told"
                + " error 1066 with service-specific code 0x20000003.");
        EventMessage w = events.configWarnings("HKLM\\P", List.of("'AppStdin' in HKLM\\P is not a jsrvany parameter."));
        assertThat(w.id()).isEqualTo(1009);
        assertThat(w.level()).isEqualTo(Level.WARNING);
        assertThat(w.text()).isEqualTo("Service 'My Svc': 1 value in HKLM\\P was ignored:\r\n"
                + "- 'AppStdin' in HKLM\\P is not a jsrvany parameter.");
    }

    @Test
    void childStartedAndExited() {
        assertThat(events.childStarted(77, "\"C:\\app.exe\" -x").text())
                .isEqualTo("Service 'My Svc' started its program, process 77: \"C:\\app.exe\" -x");
        EventMessage clean = events.childExited(77, 0, Duration.ofMillis(2500), new ExitDecision.Exit(0));
        assertThat(clean.level()).isEqualTo(Level.INFORMATION);
        assertThat(clean.text()).isEqualTo("Service 'My Svc': its program (process 77) exited with code 0 after 2.5 s."
                + " The service stops (AppExit: Exit).");
        EventMessage crash = events.childExited(77, 0xC0000005, Duration.ofSeconds(200),
                new ExitDecision.Restart(Duration.ofSeconds(4), 2));
        assertThat(crash.level()).isEqualTo(Level.WARNING);
        assertThat(crash.text()).isEqualTo("Service 'My Svc': its program (process 77) exited with code 3221225477"
                + " (0xC0000005) after 3 min 20 s. It is started again in 4 s (AppExit: Restart).");
        assertThat(events.childExited(1, 3, Duration.ZERO, new ExitDecision.Restart(Duration.ZERO, 0)).text())
                .endsWith("It is started again now (AppExit: Restart).");
        assertThat(events.childExited(1, 3, Duration.ZERO, new ExitDecision.Ignore()).text())
                .endsWith("The service keeps running without it (AppExit: Ignore).");
        assertThat(events.childExited(1, 3, Duration.ZERO, new ExitDecision.Suicide(3)).text())
                .endsWith("(AppExit: Suicide).");
    }

    @Test
    void restartDelaySaysWhy() {
        EventMessage throttled = events.restartDelayed(Duration.ofSeconds(8), 3, Duration.ofMillis(1500));
        assertThat(throttled.id()).isEqualTo(1003);
        assertThat(throttled.text()).isEqualTo("Service 'My Svc': restarting its program in 8 s: the program ran for"
                + " less than AppThrottle (1.5 s) 3 times in a row, so restarts are throttled. The service shows as"
                + " PAUSED meanwhile; CONTINUE restarts it at once.");
        assertThat(events.restartDelayed(Duration.ofMinutes(2), 0, Duration.ofMillis(1500)).text())
                .contains("in 2 min: AppRestartDelay asks for it.");
    }

    @Test
    void stoppedSaysWhatTheServiceManagerWasTold() {
        EventMessage ok = events.stopped(new ServiceOutcome.StoppedOnRequest());
        assertThat(ok.id()).isEqualTo(1005);
        assertThat(ok.text()).isEqualTo("Service 'My Svc' stopped on request. The service manager was told: exit code 0 (NO_ERROR).");
        EventMessage failed = events.stopped(new ServiceOutcome.ChildExited(7));
        assertThat(failed.id()).isEqualTo(1011);
        assertThat(failed.level()).isEqualTo(Level.ERROR);
        assertThat(failed.text()).endsWith("exited with code 7 and AppExit says Exit. The service manager was told:"
                + " error 1066 (ERROR_SERVICE_SPECIFIC_ERROR) with service-specific code 7.");
        EventMessage launch = events.stopped(new ServiceOutcome.LaunchFailed("C:\\x.exe was not found.", OptionalInt.of(2)));
        assertThat(launch.id()).isEqualTo(1012);
        assertThat(launch.text()).isEqualTo("Service 'My Svc' stopped: its program could not be started: C:\\x.exe was"
                + " not found. The service manager was told: Win32 error 2.");
        EventMessage wrapper = events.stopped(new ServiceOutcome.WrapperFailed("boom"));
        assertThat(wrapper.id()).isEqualTo(1013);
        assertThat(wrapper.text()).contains("service-specific code 536870913 (0x20000001)");
        assertThat(events.stopped(new ServiceOutcome.ChildExited(0)).id()).isEqualTo(1005);
        assertThatThrownBy(() -> events.stopped(new ServiceOutcome.Suicide(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(events.suicide(3).id()).isEqualTo(1008);
    }

    @Test
    void durationsReadWell() {
        assertThat(ServiceEvents.human(Duration.ofMillis(350))).isEqualTo("350 ms");
        assertThat(ServiceEvents.human(Duration.ofMillis(1000))).isEqualTo("1 s");
        assertThat(ServiceEvents.human(Duration.ofMillis(59_400))).isEqualTo("59.4 s");
        assertThat(ServiceEvents.human(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(ServiceEvents.human(Duration.ofSeconds(3 * 3600 + 300))).isEqualTo("3 h 5 min");
    }

    @Test
    void theEventSourceIsTheServiceNameWhenRegisteredElseJsrvany() {
        assertThat(WindowsEventSink.chooseSource("My Svc", s -> true)).isEqualTo("My Svc");
        assertThat(WindowsEventSink.chooseSource("My Svc", s -> s.equals(EventLogSource.FALLBACK_SOURCE)))
                .isEqualTo("jsrvany");
        assertThat(WindowsEventSink.chooseSource("My Svc", s -> false))
                .as("not registered at all: the service's name anyway").isEqualTo("My Svc");
    }
}
