package org.jsrvany.installer;

import java.io.PrintWriter;
import org.jsrvany.core.win32.Win32CallException;
import picocli.CommandLine;

/**
 * The one place where exceptions become exit codes and messages: {@link InstallerException} carries
 * its own; a {@link Win32CallException} that no command translated is mapped by {@link Failures}; anything
 * else is a bug, reported with its stack trace and {@link Exit#FAILED}.
 */
final class ExceptionExits implements CommandLine.IExitCodeExceptionMapper, CommandLine.IExecutionExceptionHandler {

    @Override
    public int getExitCode(Throwable t) {
        return classify(t).exit().code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
        InstallerException e = classify(ex);
        PrintWriter err = cli.getErr();
        err.println("jsrvany: " + e.getMessage());
        if (e.exit() == Exit.FAILED && !(ex instanceof InstallerException) && !(ex instanceof Win32CallException)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return e.exit().code();
    }

    static InstallerException classify(Throwable t) {
        if (t instanceof InstallerException e) {
            return e;
        }
        if (t instanceof Win32CallException w) {
            return Failures.translate(w, null);
        }
        if (t instanceof CommandLine.ParameterException p) {
            return new InstallerException(Exit.USAGE, p.getMessage(), p);
        }
        return new InstallerException(Exit.FAILED, "unexpected error (a bug in jsrvany; please report it): " + t, t);
    }
}
