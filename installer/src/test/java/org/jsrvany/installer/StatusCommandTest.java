package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.service.RunState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusCommandTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("MyApp", "--display-name", "My App", "--start", "manual", "--account", "LocalService");
    }

    private void publish(long wrapperPid) throws IOException {
        Instant started = h.clock.instant().minus(Duration.ofMinutes(90));
        new PublishedStatus("MyApp", wrapperPid, started, OptionalLong.of(4242), Optional.of(started.plusSeconds(60)), 3,
                OptionalLong.of(1), Optional.of(started.plusSeconds(50)), started.plusSeconds(60))
                .write(PublishedStatus.file(h.programData, "MyApp"));
    }

    @Test
    void aRunningServiceShowsWrapperAndChildAndExitsZero() throws IOException {
        h.run("start", "MyApp");
        publish(4000);
        Harness.Result r = h.run("status", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Service:     MyApp (My App)").contains("State:       RUNNING")
                .contains("Wrapper:     jsrvany, pid 4000").contains("Program:     pid 4242, up 1 h 29 min")
                .contains("Uptime:      1 h 30 min").contains("Restarts:    3").contains("Last exit:   1 at ")
                .contains("Start type:  manual").contains("Account:     NT AUTHORITY\\LocalService");
    }

    @Test
    void jsonForScripts() throws IOException {
        h.run("start", "MyApp");
        publish(4000);
        Harness.Result r = h.run("status", "MyApp", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"state\": \"RUNNING\"").contains("\"wrapperPid\": 4000")
                .contains("\"childPid\": 4242").contains("\"restarts\": 3").contains("\"lastExitCode\": 1")
                .contains("\"uptimeSeconds\": 5400").contains("\"account\": \"NT AUTHORITY\\\\LocalService\"")
                .contains("\"published\": \"current\"");
    }

    @Test
    void lostOutputIsShownOnlyWhenThereIsSome() throws IOException {
        h.run("start", "MyApp");
        publish(4000);
        assertThat(h.run("status", "MyApp").out()).doesNotContain("Output lost");
        assertThat(h.run("status", "MyApp", "--json").out()).contains("\"outputBytesLost\": 0");
        Instant started = h.clock.instant().minus(Duration.ofMinutes(90));
        new PublishedStatus("MyApp", 4000, started, OptionalLong.of(4242), Optional.of(started), 0, OptionalLong.empty(),
                Optional.empty(), started, 65_536).write(PublishedStatus.file(h.programData, "MyApp"));
        assertThat(h.run("status", "MyApp").out())
                .contains("Output lost: 65536 bytes could not be written to AppStdout/AppStderr; the wrapper log says why");
        assertThat(h.run("status", "MyApp", "--json").out()).contains("\"outputBytesLost\": 65536");
    }

    @Test
    void aStatusFileOfAnEarlierRunIsNotTakenForTheCurrentOne() throws IOException {
        h.run("start", "MyApp");
        publish(1234);
        Harness.Result r = h.run("status", "MyApp", "--json");
        assertThat(r.out()).contains("\"childPid\": null").contains("\"restarts\": null").contains("\"published\": \"stale\"")
                .contains("\"lastExitCode\": 1");
        assertThat(h.run("status", "MyApp").out()).contains("the status file is from an earlier run")
                .contains("(an earlier run)");
    }

    @Test
    void aGarbledStatusFileIsIgnored() throws IOException {
        h.run("start", "MyApp");
        Path f = PublishedStatus.file(h.programData, "MyApp");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "wrapperPid=oops\n");
        Harness.Result r = h.run("status", "MyApp");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("not published its status yet");
    }

    @Test
    void theExitCodeTellsTheState() {
        assertThat(h.run("status", "MyApp").exit()).isEqualTo(Exit.STOPPED.code());
        h.scm.get("MyApp").state = RunState.PAUSED;
        assertThat(h.run("status", "MyApp").exit()).isEqualTo(Exit.PAUSED.code());
        h.scm.get("MyApp").state = RunState.STOP_PENDING;
        assertThat(h.run("status", "MyApp").exit()).isEqualTo(Exit.PENDING.code());
        assertThat(h.run("status", "Nope").exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }

    @Test
    void aStoppedServiceExplainsItsLastExit() {
        h.scm.get("MyApp").win32Exit = 1066;
        h.scm.get("MyApp").specificExit = 3;
        Harness.Result r = h.run("status", "MyApp");
        assertThat(r.out()).contains("STOPPED, the program exited with code 3 and its AppExit action ended the service");
    }
}
