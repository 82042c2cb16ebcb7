package org.jsrvany.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each SCM control becomes exactly one supervisor command (or none), and HandlerEx's answer. */
class ControlMapperTest {
    private final List<String> commands = new ArrayList<>();
    private final ControlMapper.Target recorder = new ControlMapper.Target() {
        @Override
        public void stop() {
            commands.add("stop");
        }

        @Override
        public void pause() {
            commands.add("pause");
        }

        @Override
        public void resume() {
            commands.add("resume");
        }

        @Override
        public void shutdown(Duration budget) {
            commands.add("shutdown " + budget.toMillis());
        }
    };

    @ParameterizedTest(name = "control {0} -> {1} ({2})")
    @CsvSource({
            "1,   stop,           0",     // STOP
            "2,   pause,          0",     // PAUSE
            "3,   resume,         0",     // CONTINUE
            "4,   '',             0",     // INTERROGATE: nothing queued, NO_ERROR
            "5,   shutdown 7000,  0",     // SHUTDOWN: the shutdown budget
            "15,  shutdown 25000, 0",     // PRESHUTDOWN: the preshutdown budget
            "6,   '',             120",   // PARAMCHANGE
            "11,  '',             120",   // NETBINDADD... not handled
            "16,  '',             120",   // TIMECHANGE
            "128, '',             120"})  // user-defined
    void withAPreshutdownTimeout(int control, String command, int result) {
        ControlMapper mapper = new ControlMapper(recorder,
                new ShutdownBudgets(Duration.ofSeconds(7), Optional.of(Duration.ofSeconds(25))));
        assertThat(mapper.handle(control)).isEqualTo(result);
        assertThat(commands).containsExactlyElementsOf(command.isEmpty() ? List.of() : List.of(command));
    }

    @ParameterizedTest(name = "control {0} -> {1}")
    @CsvSource({"5, shutdown 5000", "15, shutdown 5000"})
    void withoutOneAPreshutdownStillGetsTheShutdownBudget(int control, String command) {
        ControlMapper mapper = new ControlMapper(recorder, ShutdownBudgets.defaults());
        assertThat(mapper.handle(control)).isZero();
        assertThat(commands).containsExactly(command);
    }

    @ParameterizedTest
    @CsvSource({"1, STOP", "2, PAUSE", "3, CONTINUE", "4, INTERROGATE", "5, SHUTDOWN", "15, PRESHUTDOWN", "99, control 99"})
    void controlsHaveNames(int control, String name) {
        assertThat(ControlMapper.name(control)).isEqualTo(name);
    }
}
