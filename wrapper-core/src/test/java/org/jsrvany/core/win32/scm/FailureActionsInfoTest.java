package org.jsrvany.core.win32.scm;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.time.Duration;
import java.util.List;
import org.jsrvany.core.service.FailureActions;
import org.junit.jupiter.api.Test;

/**
 * What {@code ChangeServiceConfig2W(SERVICE_CONFIG_FAILURE_ACTIONS)} gets, read back from the native
 * structure as Windows would read it (x64 offsets: reset period 0, reboot message 8, command 16,
 * count 24, array 32).
 */
class FailureActionsInfoTest {

    @Test
    void noActionsIsAnArrayWithCountZeroNeverNull() {
        try (FailureActionsInfo info = FailureActionsInfo.of(FailureActions.none())) {
            Pointer s = info.structure().getPointer();

            assertThat(s.getInt(24)).as("cActions").isZero();
            assertThat(s.getPointer(32)).as("lpsaActions: with NULL Windows ignores cActions and clears nothing")
                    .isNotNull();
            assertThat(s.getInt(0)).as("dwResetPeriod").isZero();
            assertThat(s.getPointer(8)).as("lpRebootMsg: NULL would keep the old message").isNotNull();
            assertThat(WideMemory.readString(s.getPointer(8))).as("an empty message deletes it").isEmpty();
            assertThat(s.getPointer(16)).as("lpCommand: NULL would keep the old command").isNotNull();
            assertThat(WideMemory.readString(s.getPointer(16))).as("an empty command deletes it").isEmpty();
        }
    }

    @Test
    void actionsAreWrittenAsScActionsInOrder() {
        FailureActions restartTwiceThenRun = new FailureActions(Duration.ofDays(1), List.of(
                new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofSeconds(5)),
                new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofMinutes(1)),
                new FailureActions.Action(FailureActions.Kind.RUN, Duration.ZERO)), "notify.cmd %1%", "going down");
        try (FailureActionsInfo info = FailureActionsInfo.of(restartTwiceThenRun)) {
            Pointer s = info.structure().getPointer();

            assertThat(s.getInt(0)).isEqualTo(86_400);
            assertThat(s.getInt(24)).isEqualTo(3);
            Pointer array = s.getPointer(32);
            assertThat(List.of(array.getInt(0), array.getInt(4), array.getInt(8), array.getInt(12), array.getInt(16),
                    array.getInt(20))).containsExactly(1, 5_000, 1, 60_000, 3, 0);
            assertThat(WideMemory.readString(s.getPointer(16))).isEqualTo("notify.cmd %1%");
            assertThat(WideMemory.readString(s.getPointer(8))).isEqualTo("going down");
        }
    }

    @Test
    void valuesBeyondADwordAreCappedAtInfinite() {
        FailureActions huge = new FailureActions(Duration.ofSeconds(0x1_0000_0000L), List.of(
                new FailureActions.Action(FailureActions.Kind.RESTART, Duration.ofMillis(0x1_0000_0001L))), "", "");
        try (FailureActionsInfo info = FailureActionsInfo.of(huge)) {
            Pointer s = info.structure().getPointer();
            assertThat(s.getInt(0)).as("INFINITE").isEqualTo(-1);
            assertThat(s.getPointer(32).getInt(4)).isEqualTo(-1);
        }
    }

    @Test
    void theStructureAndAnActionHaveTheirDocumentedX64Sizes() {
        assertThat(Native.POINTER_SIZE).isEqualTo(8);
        assertThat(new WinsvcEx.SERVICE_FAILURE_ACTIONS().size()).isEqualTo(40);
        assertThat(new WinsvcEx.SC_ACTION().size()).isEqualTo(FailureActionsInfo.SC_ACTION_SIZE);
    }
}
