package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jsrvany.core.win32.WindowsTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wrapper that itself runs inside a job that allows no breakaway (as under a CI agent or Task
 * Scheduler) still holds its child's tree in a kill-on-close job of its own: since Windows 8 jobs nest.
 * The wrapper is {@link JobbedWrapper}, a JVM of its own that this test puts into the outer job before it
 * runs. Windows 7's path (no nested jobs: breakaway, or an uncontained tree with a warning) is decided by
 * {@link JobPlacement} and tested on Linux only (JobPlacementTest): Wine nests jobs, as Windows 8 does.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(180)
class NestedJobWindowsIT {
    static {
        WindowsTestSupport.useMinimalLoggingIfLogbackCannotConfigure();
    }

    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final WinTree tree = new WinTree();

    @AfterEach
    void cleanUp() {
        tree.close();
    }

    @Test
    void aWrapperInsideAJobWithoutBreakawayStillContainsItsTree() throws Exception {
        Path pids = dir.resolve("pids");
        Path report = dir.resolve("report");
        String java = Path.of(System.getProperty("java.home"), "bin", "java.exe").toString();
        String commandLine = "\"" + java + "\" -Xrs -cp \"" + System.getProperty("java.class.path") + "\" "
                + JobbedWrapper.class.getName() + " \"" + pids + "\" \"" + report + "\"";
        try (JobObject outer = JobObject.createKillOnClose();
             ProcessHandleW wrapper = ProcessHandleW.startSuspended(commandLine,
                     EnvironmentBlock.of(System.getenv()), dir.toString())) {
            outer.assign(wrapper); // KILL_ON_JOB_CLOSE only: no BREAKAWAY_OK, no SILENT_BREAKAWAY_OK
            wrapper.resume();
            try {
                assertThat(WindowsTestSupport.await(BOUND, () -> Files.exists(report)))
                        .as("the wrapper launched its child (exit %s)", wrapper.waitFor(Duration.ZERO)).isTrue();
                ProcessHandleW child = tree.awaitPids(pids, 0, BOUND).get(0);
                assertThat(Files.readString(report)).as("no 'not contained' warning").contains("warnings=[]");
                try (ProcessHandleW query = ProcessHandleW.open(child.pid(), Kernel32Ex.PROCESS_QUERY_INFORMATION)) {
                    // PROCESS_QUERY_INFORMATION: Wine's IsProcessInJob refuses the limited right.
                    assertThat(query.isIn(outer)).as("the child stays in the wrapper's job too: nested, not broken away")
                            .isTrue();
                }

                wrapper.terminate(1); // the wrapper dies; with it goes the last handle to the child's own job

                assertThat(child.waitFor(Duration.ofSeconds(30))).as("the child died with the wrapper, although the"
                        + " outer job still runs").isPresent();
            } finally {
                if (wrapper.waitFor(Duration.ZERO).isEmpty()) {
                    wrapper.terminate(1);
                }
            }
        }
    }

    @Test
    void thisWindowsNestsJobs() {
        assertThat(JobPlacement.nestedJobs(System.getProperty("os.version")))
                .as("os.version %s", System.getProperty("os.version")).isTrue();
        assertThat(List.of(JobPlacement.OWN_JOB, JobPlacement.NESTED)).contains(JobPlacement.decide(
                JobObject.wrapperJobLimits(), JobPlacement.nestedJobs(System.getProperty("os.version"))));
    }
}
