package org.jsrvany.installer;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.jsrvany.core.win32.Win32CallException;
import picocli.CommandLine;

/** What every subcommand has: its context (through the root command), and Win32 errors told with the service's name. */
abstract class Command implements Callable<Integer>, InstallerMain.DocumentedExits {
    @CommandLine.ParentCommand
    InstallerMain root;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command's work; returns the exit code. */
    abstract Exit run() throws Exception;

    /** The service the command works on, for messages; null when none. */
    abstract String serviceName();

    @Override
    public final Integer call() throws Exception {
        try {
            return run().code();
        } catch (Win32CallException e) {
            throw Failures.translate(e, serviceName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallerException(Exit.FAILED, "interrupted while waiting", e);
        }
    }

    Context ctx() {
        return root.context();
    }

    PrintStream out() {
        return ctx().out();
    }

    PrintStream err() {
        return ctx().err();
    }
}
