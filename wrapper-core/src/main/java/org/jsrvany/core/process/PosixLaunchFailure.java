package org.jsrvany.core.process;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns the JVM's message for a failed {@code execve} into a sentence that names the parameter to
 * change. The JVM says only {@code error=7, Argument list too long}; which of AppParameters or the
 * environment is to blame, and by how much, is decided here from the sizes Linux counts.
 */
final class PosixLaunchFailure {
    /** Linux's MAX_ARG_STRLEN: the longest single argument or environment entry, its NUL included. */
    static final int MAX_ONE_STRING = 32 * 4096;
    /** Linux's E2BIG, as the JVM quotes it. */
    private static final String E2BIG = "error=7,";

    private PosixLaunchFailure() {
    }

    /**
     * The sentence for a launch of {@code program} that failed with {@code jvmMessage}.
     *
     * @param arguments   the program's arguments (AppParameters, split)
     * @param environment the program's whole environment
     */
    static String explain(String program, String jvmMessage, List<String> arguments, Map<String, String> environment) {
        String message = jvmMessage == null ? "" : jvmMessage;
        if (!message.contains(E2BIG)) {
            return "The program " + program + " could not be started: " + message;
        }
        long argBytes = 0;
        long longestArg = 0;
        for (String a : arguments) {
            long n = bytes(a) + 1;
            argBytes += n;
            longestArg = Math.max(longestArg, n);
        }
        long envBytes = 0;
        long longestEnv = 0;
        String longestName = "";
        for (Map.Entry<String, String> e : environment.entrySet()) {
            long n = bytes(e.getKey()) + 1 + bytes(e.getValue()) + 1;
            envBytes += n;
            if (n > longestEnv) {
                longestEnv = n;
                longestName = e.getKey();
            }
        }
        String fix;
        if (longestArg > MAX_ONE_STRING) {
            fix = "shorten AppParameters: one of its arguments is " + longestArg + " bytes, and Linux allows at most "
                    + MAX_ONE_STRING + " bytes per argument";
        } else if (longestEnv > MAX_ONE_STRING) {
            fix = "shorten the environment variable " + longestName + " (AppEnvironment or AppEnvironmentExtra, or the"
                    + " wrapper's own environment it inherits): it is " + longestEnv + " bytes, and Linux allows at most "
                    + MAX_ONE_STRING + " bytes per variable";
        } else if (argBytes >= envBytes) {
            fix = "shorten AppParameters: its arguments take " + argBytes + " bytes and the environment " + envBytes
                    + ", more together than Linux allows (a quarter of the stack limit, usually 2 MiB)";
        } else {
            fix = "shorten the environment (AppEnvironment, AppEnvironmentExtra, or the wrapper's own environment it"
                    + " inherits): it takes " + envBytes + " bytes and the arguments " + argBytes + ", more together than"
                    + " Linux allows (a quarter of the stack limit, usually 2 MiB)";
        }
        return "Linux refused to start the program " + program + " because its arguments and environment are too long"
                + " (E2BIG, \"Argument list too long\"): " + fix + ".";
    }

    private static long bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
