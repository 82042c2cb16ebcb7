package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.MapSource;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What CreateProcessW gets, decided from the configuration: pure, so tested here on any OS. */
class LaunchPlanTest {
    @TempDir
    Path dir;

    private ServiceConfig load(MapSource source) throws Exception {
        return new ConfigLoader(Map.of("SystemRoot", "C:\\Windows"), true, w -> {
        }).load("plan", source);
    }

    private MapSource app(String parameters) throws Exception {
        Path app = Files.createFile(dir.resolve("my app.exe"));
        return new MapSource("test").put(Param.APPLICATION, app.toString()).put(Param.APP_PARAMETERS, parameters);
    }

    @Test
    void theCommandLineIsQuotedApplicationThenTheRawParametersUntouched() throws Exception {
        String raw = "--a  \"b c\" d\\\"e \"\" f\\ 'g h' %X%";
        ServiceConfig config = load(app(raw));

        LaunchPlan plan = LaunchPlan.of(config);

        assertThat(plan.commandLine()).isEqualTo("\"" + dir.resolve("my app.exe") + "\" " + raw)
                .isEqualTo(config.windowsCommandLine());
    }

    @Test
    void aConsoleChildIsCreatedSuspendedOnAHiddenConsoleOfItsOwnNeverInANewProcessGroup() throws Exception {
        LaunchPlan plan = LaunchPlan.of(load(app("")));

        assertThat(plan.console()).isEqualTo(ConsoleMode.NEW_HIDDEN);
        assertThat(plan.creationFlags(JobPlacement.OWN_JOB)).isEqualTo(Kernel32Ex.CREATE_SUSPENDED
                | Kernel32Ex.CREATE_UNICODE_ENVIRONMENT | Kernel32Ex.CREATE_NEW_CONSOLE
                | Kernel32Ex.EXTENDED_STARTUPINFO_PRESENT);
        assertThat(plan.startupFlags()).isEqualTo(Kernel32Ex.STARTF_USESTDHANDLES | Kernel32Ex.STARTF_USESHOWWINDOW);
        assertThat(plan.showWindow()).isEqualTo(Kernel32Ex.SW_HIDE);
    }

    @Test
    void noConsoleMeansDetached() throws Exception {
        LaunchPlan plan = LaunchPlan.of(load(app("").put(Param.APP_NO_CONSOLE, new RawValue.Dword(1))));

        assertThat(plan.console()).isEqualTo(ConsoleMode.NONE);
        assertThat(plan.creationFlags(JobPlacement.OWN_JOB)).isEqualTo(Kernel32Ex.CREATE_SUSPENDED
                | Kernel32Ex.CREATE_UNICODE_ENVIRONMENT | Kernel32Ex.DETACHED_PROCESS | Kernel32Ex.EXTENDED_STARTUPINFO_PRESENT);
        assertThat(plan.startupFlags()).isEqualTo(Kernel32Ex.STARTF_USESTDHANDLES);
    }

    @Test
    void noConsoleWinsOverTheConsoleModeAsked() throws Exception {
        ServiceConfig config = load(app("").put(Param.APP_NO_CONSOLE, new RawValue.Dword(1)));

        assertThat(LaunchPlan.of(config, ConsoleMode.NO_WINDOW).console()).isEqualTo(ConsoleMode.NONE);
        assertThat(LaunchPlan.of(load(app2()), ConsoleMode.NO_WINDOW).creationFlags(JobPlacement.OWN_JOB))
                .isEqualTo(Kernel32Ex.CREATE_SUSPENDED | Kernel32Ex.CREATE_UNICODE_ENVIRONMENT | Kernel32Ex.CREATE_NO_WINDOW
                        | Kernel32Ex.EXTENDED_STARTUPINFO_PRESENT);
    }

    private MapSource app2() throws Exception {
        Path app = Files.createFile(dir.resolve("other.exe"));
        return new MapSource("test").put(Param.APPLICATION, app.toString());
    }

    @Test
    void noModeEverAsksForANewProcessGroupOrADebugger() {
        for (ConsoleMode mode : ConsoleMode.values()) {
            assertThat(mode.creationFlag() & (Kernel32Ex.CREATE_NEW_PROCESS_GROUP | Kernel32Ex.DEBUG_PROCESS))
                    .as("%s", mode).isZero();
        }
    }

    @Test
    void thePriorityClassIsSetApartFromTheCreationFlags() throws Exception {
        LaunchPlan normal = LaunchPlan.of(load(app("")));
        LaunchPlan below = LaunchPlan.of(load(app2().put(Param.APP_PRIORITY, new RawValue.Dword(0x4000))));

        assertThat(normal.setsPriorityClass()).isFalse();
        assertThat(below.setsPriorityClass()).isTrue();
        assertThat(below.priorityClass()).isEqualTo(0x4000);
        assertThat(below.creationFlags(JobPlacement.OWN_JOB) & 0xC1E0).as("no priority class bits among the creation flags")
                .isZero();
        assertThatThrownBy(() -> new LaunchPlan("x", below.environment(), "C:\\", ConsoleMode.NONE, 0x10,
                new java.util.TreeSet<>(), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AppPriority 0x10");
    }

    @Test
    void directoryEnvironmentAffinityAndTreeComeFromTheConfiguration() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        LaunchPlan plan = LaunchPlan.of(load(app("")
                .put(Param.APP_DIRECTORY, work.toString())
                .put(Param.APP_ENVIRONMENT, new RawValue.MultiText(List.of("b=2", "A_B=3", "AB=1")))
                .put(Param.APP_AFFINITY, "0-2,4")
                .put(Param.APP_KILL_PROCESS_TREE, new RawValue.Dword(0))));

        assertThat(plan.directory()).isEqualTo(work.toString());
        assertThat(plan.environment().variables().keySet()).as("Windows' block order").containsExactly("AB", "A_B", "b");
        assertThat(plan.affinity()).containsExactly(0, 1, 2, 4);
        assertThat(plan.killTree()).isFalse();
        assertThat(LaunchPlan.of(load(app2())).killTree()).as("the tree is managed by default").isTrue();
    }

    @Test
    void cpusBeyond64AreAcceptedAndPlacedAtLaunch() throws Exception {
        // Beyond one group's 64 CPUs: the numbers go on across the groups; the launch places them.
        LaunchPlan plan = LaunchPlan.of(load(app("").put(Param.APP_AFFINITY, "64-127")));

        assertThat(plan.affinity()).hasSize(64).startsWith(64).endsWith(127);
    }

    @Test
    void anAffinityThatIsNoCpuListIsRejectedWhenTheConfigurationLoads() {
        // Before any launch plan exists: install and 'test' refuse it, and a service never starts with it.
        assertThatThrownBy(() -> load(app("").put(Param.APP_AFFINITY, "0,4096")))
                .isInstanceOf(org.jsrvany.core.config.ConfigException.class)
                .hasMessageContaining("AppAffinity '0,4096'").hasMessageContaining("CPU 4096");
    }

    @Test
    void onlyWindows7InsideAJobThatAllowsItBreaksAway() throws Exception {
        LaunchPlan plan = LaunchPlan.of(load(app("")));

        for (JobPlacement p : JobPlacement.values()) {
            assertThat(plan.creationFlags(p) & Kernel32Ex.CREATE_BREAKAWAY_FROM_JOB).as("%s", p)
                    .isEqualTo(p == JobPlacement.BREAKAWAY ? Kernel32Ex.CREATE_BREAKAWAY_FROM_JOB : 0);
            assertThat(plan.creationFlags(p) & Kernel32Ex.EXTENDED_STARTUPINFO_PRESENT).as("the handle list, always")
                    .isNotZero();
        }
    }
}
