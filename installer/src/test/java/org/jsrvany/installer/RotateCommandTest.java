package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsrvany.core.service.RunState;
import org.junit.jupiter.api.Test;

/** {@code jsrvany rotate NAME}: control 128, sent only to a running jsrvany or NSSM service. */
class RotateCommandTest extends HarnessTest {
    @Test
    void aRunningServiceGetsControl128() {
        h.installed("MyApp", "--rotate-online", "--stdout", "out.log");
        h.run("start", "MyApp");
        h.scm.calls.clear();
        Harness.Result r = h.run("rotate", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.scm.calls).contains("control ROTATE MyApp");
        assertThat(r.out()).contains("Asked 'MyApp' to rotate its output files (service control 128)")
                .doesNotContain("AppRotateOnline");
    }

    @Test
    void withoutAppRotateOnlineTheRequestIsSentAndTheNoteSaysNothingRotates() {
        h.installed("MyApp", "--stdout", "out.log");
        h.run("start", "MyApp");
        Harness.Result r = h.run("rotate", "MyApp");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("AppRotateOnline is not 1", "jsrvany set MyApp AppRotateOnline 1");
    }

    @Test
    void aStoppedServiceHasNothingToRotate() {
        h.installed("MyApp", "--rotate-online");
        Harness.Result r = h.run("rotate", "MyApp");
        assertThat(r.exit()).isEqualTo(Exit.WRONG_STATE.code());
        assertThat(r.err()).contains("'MyApp' is STOPPED", "only a running (or paused) service");
        assertThat(h.scm.calls).noneMatch(c -> c.startsWith("control"));
    }

    @Test
    void anotherProgramsServiceIsNotSentControl128() {
        h.scm.add(ServiceOptions.defaults("Other", "C:\\tools\\other.exe"));
        h.scm.get("Other").state = RunState.RUNNING;
        Harness.Result r = h.run("rotate", "Other");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("not jsrvany or NSSM", "was not sent");
        assertThat(h.scm.calls).noneMatch(c -> c.startsWith("control"));
    }

    @Test
    void anNssmServiceIsSentControl128() {
        h.scm.add(ServiceOptions.defaults("N", "C:\\nssm\\win64\\nssm.exe"));
        h.scm.get("N").state = RunState.RUNNING;
        Harness.Result r = h.run("rotate", "N");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.scm.calls).contains("control ROTATE N");
    }

    @Test
    void anUnknownServiceIsExit5() {
        assertThat(h.run("rotate", "Nope").exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }
}
