package org.jsrvany.installer;

import java.nio.file.Path;
import java.util.EnumSet;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.Environments;
import org.jsrvany.core.config.PropertiesSource;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.config.StoredParameters;
import org.jsrvany.core.run.Foreground;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code test NAME} or {@code test --config FILE}: runs the configuration in the foreground exactly as
 * the service would (program, arguments, working directory, environment, output files, restart and
 * stop rules), until Ctrl+C or until the program ends the run by its exit action.
 */
@picocli.CommandLine.Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs the service's program in this console exactly as the service would: same working"
                + " directory, environment, arguments, output files, restart and stop rules. Ctrl+C stops it.",
                "Differences that remain: it runs as you, not as the service account, and the environment it"
                        + " starts from is this console's (unless AppEnvironment replaces it)."})
final class TestCommand extends Command {
    static final class Source {
        @Parameters(index = "0", paramLabel = "NAME", description = "An installed service (its registry parameters).")
        String name;

        @Option(names = "--config", paramLabel = "FILE", description = "A properties file with the parameter names"
                + " (docs/parameters.md) instead of a service.")
        Path config;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--name", paramLabel = "NAME", description = "With --config: the service name to use in"
            + " messages (default: the file's name without its extension).")
    String nameForFile;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.INVALID, Exit.NO_SUCH_SERVICE, Exit.TEST_LAUNCH_FAILED, Exit.TEST_CHILD_FAILED,
                Exit.TEST_SUICIDE, Exit.TEST_NOT_READY);
    }

    @Override
    String serviceName() {
        return source.name;
    }

    @Override
    Exit run() {
        ServiceConfig config = source.config != null ? fromFile() : fromService();
        out().println("Testing '" + config.serviceName() + "' in the foreground: " + config.windowsCommandLine()
                + " in " + config.directory() + " (Ctrl+C stops it).");
        if (config.windows().session().desktop()) {
            out().println("Note: AppSession is " + config.windows().session().mode().registryText() + "; the service would"
                    + " start the program in a logged-on user's session with that user's token. 'test' runs it here, in"
                    + " your own session, as you, with your environment" + (config.windows().session().user().isPresent()
                    ? " (AppSessionUser is not checked)" : "") + ".");
        }
        org.jsrvany.core.config.ConsoleCodePage.foregroundNote(config.windows().consoleCodePage())
                .ifPresent(note -> out().println(note));
        out().flush();
        return switch (Foreground.run(config, out(), err())) {
            case OK -> Exit.OK;
            case CONFIG -> Exit.INVALID;
            case LAUNCH_FAILED -> Exit.TEST_LAUNCH_FAILED;
            case CHILD_FAILED -> Exit.TEST_CHILD_FAILED;
            case SUICIDE -> Exit.TEST_SUICIDE;
            case NOT_READY -> Exit.TEST_NOT_READY;
            case USAGE, WRAPPER_FAILED -> Exit.FAILED;
        };
    }

    private ServiceConfig fromService() {
        Services.require(ctx(), source.name);
        StoredParameters stored = ctx().store().read(source.name);
        String where = ctx().store().describe(source.name);
        stored.ignoredValues(where).forEach(n -> err().println("jsrvany: note: " + n));
        try {
            // The service manager gives the service key's Environment to the service; a console does not.
            ConfigLoader loader = new ConfigLoader(Environments.withServiceEnvironment(ctx().environment(),
                    ctx().store().serviceEnvironment(source.name), ctx().windowsRules()), ctx().windowsRules(),
                    w -> err().println("jsrvany: warning: " + w));
            return loader.load(source.name, stored.toSource(where));
        } catch (ConfigException e) {
            throw InstallerException.of(Exit.INVALID, "The service's configuration is not valid; the service would stop"
                    + " at once with service-specific error 0x20000003:", e.problems());
        }
    }

    private ServiceConfig fromFile() {
        try {
            PropertiesSource properties = PropertiesSource.load(source.config); // refuses a folder such as '/'
            Path fileName = source.config.toAbsolutePath().normalize().getFileName();
            String file = fileName == null ? "" : fileName.toString();
            String name = nameForFile != null ? nameForFile
                    : file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
            return ctx().loader().load(name, properties);
        } catch (ConfigException e) {
            throw InstallerException.of(Exit.INVALID, "The configuration is not valid:", e.problems());
        }
    }
}
