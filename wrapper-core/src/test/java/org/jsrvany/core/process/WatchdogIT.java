package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The watchdog's life in this JVM: replaced when killed, renewed without killing, released by done. */
@EnabledOnOs(OS.LINUX)
class WatchdogIT {
    private Process victim;
    private final Set<Long> own = ConcurrentHashMap.newKeySet();

    @AfterEach
    void cleanUp() {
        if (victim != null) {
            victim.destroyForcibly();
        }
    }

    private long startVictim() throws Exception {
        victim = new ProcessBuilder("setsid", "sleep", "100000").start();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcStat.processGroup(victim.pid()).orElse(0L) == victim.pid());
        return victim.pid();
    }

    @Test
    void aKilledWatchdogIsReplacedAndARenewedOneReleasesTheOldWithoutKilling() throws Exception {
        long group = startVictim();
        Watchdog w = Watchdog.start("setsid", null, own);
        w.killGroupOnDeath(group);
        long first = w.pid();
        assertThat(own).contains(first);

        Kill.send(first, LibC.SIGTERM); // ignored
        Kill.send(first, LibC.SIGINT); // ignored
        Kill.send(first, LibC.SIGHUP);  // ignored
        Kill.send(first, LibC.SIGKILL);
        await().atMost(Duration.ofSeconds(10)).until(() -> w.pid() != first && ProcStat.alive(w.pid()));
        long second = w.pid();
        assertThat(own).contains(second).doesNotContain(first);

        w.renew(List.of("g " + group));
        long third = w.pid();
        assertThat(third).isNotEqualTo(second);
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcStat.alive(second));
        assertThat(ProcStat.alive(third)).isTrue();
        assertThat(w.told()).isEqualTo(1);

        w.disarm();
        await().atMost(Duration.ofSeconds(10)).until(() -> !ProcStat.alive(third));
        assertThat(ProcStat.alive(group)).as("no watchdog killed the group: none saw the wrapper die").isTrue();
    }
}
