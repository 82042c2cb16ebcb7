package org.jsrvany.launcher;

import java.io.PrintStream;
import org.jsrvany.core.config.ServiceConfig;

/**
 * Runs a loaded configuration in the foreground exactly as the service would, until Ctrl+C or
 * SIGTERM. The installer's {@code test} command uses this, so "it works from my console but not as a
 * service" can be seen before installing.
 */
public final class Foreground {
    private Foreground() {
    }

    /**
     * Supervises {@code config} in this process and returns the launcher's exit code
     * (0 stopped on request, 4 launch failed, 5 the program exited non-zero with AppExit=Exit,
     * 6 Suicide, 1 wrapper failure; see docs/launcher.md).
     */
    public static int run(ServiceConfig config, PrintStream out, PrintStream err) {
        return new ForegroundRun(config, out, err).run().code();
    }
}
