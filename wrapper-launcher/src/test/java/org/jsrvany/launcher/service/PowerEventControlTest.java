package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jsrvany.core.config.Hooks;
import org.jsrvany.core.supervisor.Scheduler;
import org.jsrvany.core.supervisor.ServiceState;
import org.junit.jupiter.api.Test;

/** SERVICE_CONTROL_POWEREVENT: accepted only with a Power hook; which event type runs which hook. */
class PowerEventControlTest {
    private final List<ScmStatus> sent = new ArrayList<>();
    private final Scheduler scheduler = (delay, task) -> () -> { };

    @Test
    void powerEventsAreAcceptedWhenAPowerHookIsConfigured() {
        StatusReporter r = new StatusReporter(sent::add, scheduler, false);
        r.report(ServiceState.RUNNING, Duration.ZERO);
        r.acceptPowerEvents(true);
        r.report(ServiceState.PAUSED, Duration.ZERO);
        r.report(ServiceState.STOP_PENDING, Duration.ofSeconds(3));
        assertThat(sent.get(0).controlsAccepted() & ScmStatus.SERVICE_ACCEPT_POWEREVENT).isZero();
        assertThat(sent.get(1).controlsAccepted() & ScmStatus.SERVICE_ACCEPT_POWEREVENT)
                .isEqualTo(ScmStatus.SERVICE_ACCEPT_POWEREVENT).isEqualTo(0x40);
        assertThat(sent.get(2).controlsAccepted()).as("nothing while pending").isZero();
        assertThat(ScmStatus.SERVICE_CONTROL_POWEREVENT).isEqualTo(13);
    }

    @Test
    void eventTypesMapToNssmsPowerHooks() {
        assertThat(Hooks.Hook.forPowerEvent(0x0A)).contains(Hooks.Hook.POWER_CHANGE); // PBT_APMPOWERSTATUSCHANGE
        assertThat(Hooks.Hook.forPowerEvent(0x12)).contains(Hooks.Hook.POWER_RESUME); // PBT_APMRESUMEAUTOMATIC
        assertThat(Hooks.Hook.forPowerEvent(0x04)).as("PBT_APMSUSPEND runs nothing").isEmpty();
        assertThat(Hooks.Hook.forPowerEvent(0x8013)).as("PBT_POWERSETTINGCHANGE runs nothing").isEmpty();
    }
}
