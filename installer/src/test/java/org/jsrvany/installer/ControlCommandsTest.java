package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.status.PublishedStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlCommandsTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("MyApp");
    }

    @Test
    void startSaysRunningOnlyOnceTheProgramStayedUpForAppThrottle() {
        Instant before = h.clock.instant();
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsSubsequence("MyApp: RUNNING, 0.4 s",
                "MyApp: RUNNING; making sure the program stays up for AppThrottle (1500 ms)...", "'MyApp' is RUNNING (pid 4000).");
        assertThat(Duration.between(before, h.clock.instant())).isGreaterThanOrEqualTo(Duration.ofMillis(400 + 1500));
    }

    @Test
    void withAReadinessCheckRunningIsEnough() {
        assertThat(h.run("set", "MyApp", "AppReadyCheck", "tcp:127.0.0.1:8080").exit()).isZero();
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).doesNotContain("making sure").contains("'MyApp' is RUNNING (pid 4000).");
    }

    @Test
    void aProgramThatExitsWithinAppThrottleFailsTheStartWithExit12AndItsCode() throws IOException {
        // What the service publishes when its program exits 300 ms after the start (jsrvany status reads it too).
        Instant t = h.clock.instant().plusMillis(300);
        new PublishedStatus("MyApp", 4000, t.minusMillis(200), OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.of(0xC0000135L), Optional.of(t), t).write(PublishedStatus.file(h.programData, "MyApp"));
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.SERVICE_FAILED.code()).isEqualTo(12);
        assertThat(r.err()).contains("'MyApp' did not start: its program exited with code 3221225781 (0xC0000135)"
                + " within AppThrottle (1500 ms) of starting. The service is RUNNING");
        assertThat(r.out()).doesNotContain("is RUNNING (pid");
    }

    @Test
    void aStartThatFindsTheServicePausedAfterAnExitFailsWithExit12EvenIfRunningWasNeverSeen() throws IOException {
        // The program exits at once: START_PENDING, RUNNING for an instant between two polls, then PAUSED while the
        // wrapper waits before the restart. The service published the exit before it reported PAUSED.
        h.scm.get("MyApp").behaviour = FakeServiceManager.Behaviour.PASSES_RUNNING_TO_PAUSED;
        Instant t = h.clock.instant().plusMillis(300);
        new PublishedStatus("MyApp", 4000, t.minusMillis(200), OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.of(1), Optional.of(t), t).write(PublishedStatus.file(h.programData, "MyApp"));
        Instant before = h.clock.instant();
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).as(r.toString()).isEqualTo(Exit.SERVICE_FAILED.code()).isEqualTo(12);
        assertThat(r.out()).contains("MyApp: PAUSED").doesNotContain("MyApp: RUNNING");
        assertThat(r.err()).contains("'MyApp' did not start: its program exited with code 1 within AppThrottle"
                + " (1500 ms) of starting. The service is PAUSED (waiting before it restarts the program)");
        assertThat(Duration.between(before, h.clock.instant())).as("judged at once, not after the start timeout")
                .isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aStartThatFindsTheServicePausedWithoutAnExitSaysSoAndSucceeds() {
        // Somebody paused it between two polls: it did start; the program survived AppThrottle.
        h.scm.get("MyApp").behaviour = FakeServiceManager.Behaviour.PASSES_RUNNING_TO_PAUSED;
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("MyApp: PAUSED; making sure the program stays up for AppThrottle (1500 ms)...")
                .contains("'MyApp' started and is PAUSED now (pid 4000): paused by a request, or waiting before it"
                        + " restarts its program; see 'jsrvany status MyApp'.");
    }

    @Test
    void restartFailsLikeStartWhenTheProgramExitsAtOnce() throws IOException {
        h.run("start", "MyApp");
        Instant t = h.clock.instant().plusSeconds(5);
        new PublishedStatus("MyApp", 4001, t.minusMillis(500), OptionalLong.empty(), Optional.empty(), 0,
                OptionalLong.of(3), Optional.of(t), t).write(PublishedStatus.file(h.programData, "MyApp"));
        Harness.Result r = h.run("restart", "MyApp");
        assertThat(r.exit()).as(r.toString()).isEqualTo(12);
        assertThat(r.err()).contains("its program exited with code 3 within AppThrottle");
    }

    @Test
    void startWaitsForRunningWithProgressLines() {
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Starting 'MyApp'").contains("MyApp: START_PENDING (checkpoint 2), 0.0 s")
                .contains("MyApp: START_PENDING (checkpoint 3), 0.2 s").contains("MyApp: RUNNING, 0.4 s").contains("'MyApp' is RUNNING (pid 4000).");
        assertThat(h.scm.get("MyApp").state).isEqualTo(RunState.RUNNING);
    }

    @Test
    void startingARunningServiceSucceedsAtOnce() {
        h.run("start", "MyApp");
        h.scm.calls.clear();
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("already RUNNING");
        assertThat(h.scm.writes()).isEmpty();
    }

    @Test
    void aServiceThatStopsDuringStartIsReportedWithItsExitCodeExplained() {
        h.scm.get("MyApp").behaviour = FakeServiceManager.Behaviour.FAILS_TO_START;
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).isEqualTo(Exit.SERVICE_FAILED.code());
        assertThat(r.err()).contains("did not start: it is STOPPED").contains("configuration is invalid")
                .contains("jsrvany test MyApp");
    }

    @Test
    void aStartThatHangsTimesOutAndSaysWhereItIs() {
        h.scm.get("MyApp").behaviour = FakeServiceManager.Behaviour.HANGS;
        Instant before = h.clock.instant();
        Harness.Result r = h.run("start", "MyApp", "--timeout", "5s");
        assertThat(r.exit()).isEqualTo(Exit.TIMEOUT.code());
        assertThat(r.err()).contains("did not reach RUNNING within 5 s; it is START_PENDING (checkpoint 1)");
        assertThat(Duration.between(before, h.clock.instant())).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void startingADisabledServiceSaysHowToEnableIt() {
        h.run("set", "MyApp", "Start", "disabled");
        Harness.Result r = h.run("start", "MyApp");
        assertThat(r.exit()).isEqualTo(Exit.WRONG_STATE.code());
        assertThat(r.err()).contains("is disabled").contains("jsrvany set MyApp Start manual");
    }

    @Test
    void stopWaitsForStoppedWithinTheStopLaddersTime() {
        h.run("start", "MyApp");
        Harness.Result r = h.run("stop", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("waiting up to 39 s").contains("STOP_PENDING").contains("'MyApp' is STOPPED (exit code 0).");
        h.run("set", "MyApp", "AppStopMethodConsole", "60000");
        h.run("set", "MyApp", "AppStopMethodSkip", "6");
        h.run("start", "MyApp");
        assertThat(h.run("stop", "MyApp").out()).as("console 60 s + window and threads skipped + 5 s after the kill + 30 s")
                .contains("waiting up to 95 s");
    }

    @Test
    void aStopThatHangsTimesOut() {
        h.run("start", "MyApp");
        h.scm.get("MyApp").behaviour = FakeServiceManager.Behaviour.HANGS;
        Harness.Result r = h.run("stop", "MyApp", "--timeout", "2");
        assertThat(r.exit()).isEqualTo(Exit.TIMEOUT.code());
        assertThat(r.err()).contains("did not reach STOPPED within 2 s; it is STOP_PENDING");
    }

    @Test
    void stoppingAStoppedServiceSucceedsAtOnce() {
        Harness.Result r = h.run("stop", "MyApp");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("already STOPPED");
    }

    @Test
    void pauseAndContinue() {
        h.run("start", "MyApp");
        Harness.Result p = h.run("pause", "MyApp");
        assertThat(p.exit()).as(p.toString()).isZero();
        assertThat(p.out()).contains("PAUSE_PENDING").contains("'MyApp' is PAUSED");
        assertThat(h.run("pause", "MyApp").out()).contains("already PAUSED");
        assertThat(h.run("start", "MyApp").exit()).isEqualTo(Exit.WRONG_STATE.code());
        Harness.Result c = h.run("continue", "MyApp");
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(c.out()).contains("CONTINUE_PENDING").contains("'MyApp' is RUNNING");
        assertThat(h.run("continue", "MyApp").out()).contains("already RUNNING");
    }

    @Test
    void pauseNeedsARunningServiceThatAcceptsIt() {
        Harness.Result stopped = h.run("pause", "MyApp");
        assertThat(stopped.exit()).isEqualTo(Exit.WRONG_STATE.code());
        assertThat(stopped.err()).contains("only a RUNNING service can be paused");
        h.run("start", "MyApp");
        h.scm.get("MyApp").acceptsPause = false;
        Harness.Result refused = h.run("pause", "MyApp");
        assertThat(refused.exit()).isEqualTo(Exit.WRONG_STATE.code());
        assertThat(refused.err()).contains("does not accept pause");
        assertThat(h.run("continue", "MyApp").exit()).isZero();
        h.run("stop", "MyApp");
        assertThat(h.run("continue", "MyApp").err()).contains("start it with 'jsrvany start MyApp'");
    }

    @Test
    void restartStopsThenStarts() {
        h.run("start", "MyApp");
        Harness.Result r = h.run("restart", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).containsSubsequence("Stopping", "is STOPPED", "Starting", "is RUNNING (pid 4001)");
        Harness.Result fromStopped = h.run("restart", "MyApp", "--timeout", "1m");
        assertThat(fromStopped.exit()).isZero();
    }

    @Test
    void controllingAMissingServiceSaysSo() {
        for (String cmd : new String[] {"start", "stop", "pause", "continue", "restart"}) {
            Harness.Result r = h.run(cmd, "Nope");
            assertThat(r.exit()).as(cmd).isEqualTo(Exit.NO_SUCH_SERVICE.code());
            assertThat(r.err()).as(cmd).contains("There is no service named 'Nope'");
        }
    }

    @Test
    void aBadTimeoutIsAUsageError() {
        Harness.Result r = h.run("start", "MyApp", "--timeout", "soonish");
        assertThat(r.exit()).isEqualTo(Exit.USAGE.code());
        assertThat(r.err()).contains("--timeout 'soonish'");
    }
}
