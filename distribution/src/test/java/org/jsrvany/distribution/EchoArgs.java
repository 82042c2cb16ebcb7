package org.jsrvany.distribution;

/**
 * Stands in for the installer behind {@code jsrvany.cmd} in the argument tests: prints every
 * argument it got, one per line in brackets, then the JVM settings the script passes, and exits with
 * the code in {@code ECHO_EXIT} (0 when unset).
 */
public final class EchoArgs {
    private EchoArgs() {
    }

    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append("ARG[").append(a).append("]\n");
        }
        for (String p : new String[] {"java.home", "jna.boot.library.path", "jna.nosys", "jna.nounpack"}) {
            sb.append("PROP ").append(p).append('[').append(System.getProperty(p)).append("]\n");
        }
        System.out.print(sb);
        System.out.flush();
        String exit = System.getenv("ECHO_EXIT");
        System.exit(exit == null ? 0 : Integer.parseInt(exit));
    }
}
