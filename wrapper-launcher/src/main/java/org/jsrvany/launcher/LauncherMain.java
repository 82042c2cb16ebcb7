package org.jsrvany.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsrvany.core.run.LauncherExit;
import org.jsrvany.launcher.service.ServiceProgram;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The service program. {@code run --config FILE} supervises in the foreground on any OS. Started by
 * the SCM (no arguments, on Windows) it becomes the service ({@link ServiceProgram}).
 */
@Command(name = "jsrvany-launcher", mixinStandardHelpOptions = true, versionProvider = LauncherMain.Version.class,
        description = "Runs a program as a supervised service. Use 'run --config FILE' to try a configuration"
                + " in the foreground.",
        subcommands = {RunCommand.class},
        exitCodeListHeading = "%nExit codes:%n")
public final class LauncherMain implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 0 && windows()) {
            // The service: StartServiceCtrlDispatcher first, before picocli and the log are loaded. The SCM
            // waits 30 s for it (Wine 10 s), and a loaded machine once took longer (error 1053).
            System.exit(ServiceProgram.dispatch(new java.io.PrintWriter(System.err, true)).code());
        }
        java.util.Optional<RunCommand> run = RunCommand.plain(args);
        if (run.isPresent()) {
            System.exit(runPlain(run.get()));
        }
        System.exit(execute(args));
    }

    /** {@link RunCommand#plain}'s command, run as picocli would run it (an exception: its trace, exit code 1). */
    static int runPlain(RunCommand run) {
        try {
            return run.call();
        } catch (RuntimeException e) {
            e.printStackTrace();
            return LauncherExit.WRAPPER_FAILED.code();
        }
    }

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    /** Runs the launcher's command line and returns its exit code (tests call this in-process). */
    static int execute(String... args) {
        return Cli.execute(args);
    }

    /**
     * The command line, in a class of its own: verifying {@link LauncherMain} then loads nothing of
     * picocli, so the service's path in {@link #main} reaches the dispatcher without it.
     */
    private static final class Cli {
        private Cli() {
        }

        static int execute(String... args) {
            CommandLine cli = new CommandLine(new LauncherMain());
            cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                    ? LauncherExit.USAGE.code() : LauncherExit.WRAPPER_FAILED.code());
            cli.setExecutionStrategy(Cli::refuseUnmatched);
            Map<String, String> exitCodes = new LinkedHashMap<>();
            for (LauncherExit e : LauncherExit.values()) {
                exitCodes.put(Integer.toString(e.code()), e.meaning());
            }
            cli.getCommandSpec().usageMessage().exitCodeList(exitCodes);
            return cli.execute(args);
        }

        /**
         * An unknown command or option is a usage error whatever follows it: picocli lets {@code --help}
         * anywhere on the line win over it and exit 0 ({@code audit --help}), which would hide the typo.
         */
        private static int refuseUnmatched(CommandLine.ParseResult parsed) {
            for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
                if (!r.unmatched().isEmpty()) {
                    throw new CommandLine.UnmatchedArgumentException(r.commandSpec().commandLine(), r.unmatched());
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        }
    }

    /** No arguments: the service (as the Windows SCM starts it), or usage elsewhere. */
    @Override
    public Integer call() {
        java.io.PrintWriter err = spec.commandLine().getErr();
        if (windows()) {
            return ServiceProgram.dispatch(err).code();
        }
        err.println("Say what to run: 'run --config FILE' supervises a configuration in the foreground."
                + " (Started without arguments by the Windows service manager, this program is the service.)");
        spec.commandLine().usage(err);
        return LauncherExit.USAGE.code();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LauncherMain.class.getPackage().getImplementationVersion();
            return new String[] {"jsrvany-launcher " + (v == null ? "(development build)" : v)};
        }
    }
}
