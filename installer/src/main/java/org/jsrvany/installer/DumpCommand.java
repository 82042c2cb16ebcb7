package org.jsrvany.installer;

import java.util.EnumSet;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.config.StoredParameters;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dump NAME}: the commands (or a .reg or properties file) that recreate the service. */
@picocli.CommandLine.Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Prints what recreates the service: a .cmd script of jsrvany commands (default), a .reg file,"
                + " or its parameters as a properties file (for 'test --config').",
                "Example: jsrvany dump MyApp > MyApp.cmd"})
final class DumpCommand extends Command {
    enum Format { cmd, reg, properties }

    @Parameters(index = "0", paramLabel = "NAME", description = "The service name.")
    String name;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "cmd",
            description = "cmd, reg or properties (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.ACCESS_DENIED, Exit.NO_SUCH_SERVICE);
    }

    @Override
    String serviceName() {
        return name;
    }

    @Override
    Exit run() {
        ServiceDefinition d = Services.require(ctx(), name);
        StoredParameters p = ctx().store().read(name);
        var when = ctx().clock().instant();
        out().print(switch (format) {
            case cmd -> Dumps.cmd(d, p, when) + Dumps.serviceEnvironmentCmd(name, ctx().store().serviceEnvironment(name));
            case reg -> Dumps.reg(d, p, when);
            case properties -> Dumps.properties(d, p, when);
        });
        out().flush();
        if (ImagePath.kind(d.imagePath()) != WrapperKind.JSRVANY) {
            err().println("jsrvany: note: '" + name + "' is not a jsrvany service yet; the script installs it as one.");
        }
        return Exit.OK;
    }
}
