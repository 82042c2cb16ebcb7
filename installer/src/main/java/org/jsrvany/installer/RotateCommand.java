package org.jsrvany.installer;

import java.util.EnumSet;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.StoredParameters;
import org.jsrvany.core.service.Control;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.ServiceStatus;
import picocli.CommandLine.Parameters;

/**
 * {@code rotate NAME}: NSSM's {@code nssm rotate}, service control 128. The service rotates its output
 * files at the next line boundary, on its own thread; the command returns once the service took the
 * request. As in NSSM, a service whose {@code AppRotateOnline} is 0 takes the request and rotates
 * nothing: the command says so. Control 128 is sent only to a jsrvany or NSSM service: to another
 * program a user-defined control may mean something else entirely.
 */
@picocli.CommandLine.Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Asks a running service to rotate its output files now, at a line boundary (NSSM's rotate,"
                + " service control 128). Needs AppRotateOnline=1, as in NSSM."})
final class RotateCommand extends Command {

    @Parameters(index = "0", paramLabel = "NAME", description = "The service name.")
    String name;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.INVALID, Exit.ACCESS_DENIED, Exit.NO_SUCH_SERVICE, Exit.WRONG_STATE);
    }

    @Override
    String serviceName() {
        return name;
    }

    @Override
    Exit run() {
        ServiceDefinition installed = Services.require(ctx(), name);
        WrapperKind kind = ImagePath.kind(installed.imagePath());
        if (kind != WrapperKind.JSRVANY && kind != WrapperKind.NSSM) {
            throw new InstallerException(Exit.INVALID, "'" + name + "' runs " + ImagePath.parse(installed.imagePath()).program()
                    + ", not jsrvany or NSSM: control 128 may mean something else to it, so it was not sent.");
        }
        ServiceStatus now = ctx().scm().status(name);
        if (now.state() != RunState.RUNNING && now.state() != RunState.PAUSED) {
            throw new InstallerException(Exit.WRONG_STATE, "'" + name + "' is " + now.state()
                    + ": only a running (or paused) service has output files to rotate.");
        }
        ctx().scm().control(name, Control.ROTATE);
        out().println("Asked '" + name + "' to rotate its output files (service control 128); the rotated files are"
                + " named <base>-YYYYMMDDTHHMMSS.mmm<ext> and the wrapper's log names them.");
        if (!rotatesOnline()) {
            out().println("  note: AppRotateOnline is not 1 for '" + name + "', so it rotates nothing while running (as"
                    + " NSSM). To allow it: jsrvany set " + name + " AppRotateOnline 1, then restart the service.");
        }
        return Exit.OK;
    }

    /** What the stored parameters say; a key that cannot be read counts as "yes" (the service decides). */
    private boolean rotatesOnline() {
        StoredParameters stored;
        try {
            stored = ctx().store().read(name);
        } catch (RuntimeException e) {
            return true;
        }
        RawValue value = stored.values().get(Param.APP_ROTATE_ONLINE);
        return value instanceof RawValue.Dword d && d.value() != 0;
    }
}
