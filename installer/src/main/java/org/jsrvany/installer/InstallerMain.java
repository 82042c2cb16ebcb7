package org.jsrvany.installer;

import java.io.Console;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jsrvany.core.security.AccessControl;
import org.jsrvany.core.win32.security.SecureFolder;
import org.jsrvany.core.run.Platform;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.service.EventSources;
import org.jsrvany.core.config.ParameterStore;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.win32.eventlog.WindowsEventSources;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import org.jsrvany.core.win32.scm.WindowsServiceManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The administrator's command-line tool: {@code java -jar jsrvany.jar COMMAND ...}. */
@Command(name = "jsrvany", mixinStandardHelpOptions = true, versionProvider = InstallerMain.Version.class,
        description = {"Runs any program as a Windows service, and manages such services.",
                "Every command has --help. docs/installer.md walks through each one."},
        subcommands = {InstallCommand.class, RemoveCommand.class, ControlCommands.Start.class, ControlCommands.Stop.class,
                ControlCommands.Restart.class, ControlCommands.Pause.class, ControlCommands.Continue.class, RotateCommand.class,
                StatusCommand.class, ParamCommands.Get.class, ParamCommands.Set.class, ParamCommands.Reset.class,
                ListCommand.class,
                DumpCommand.class, AdoptCommand.class, UpgradeCommand.class, TestCommand.class, AuditCommand.class, CommandLine.HelpCommand.class})
public final class InstallerMain implements Callable<Integer> {
    private final Context context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    InstallerMain(Context context) {
        this.context = context;
    }

    Context context() {
        return context;
    }

    public static void main(String[] args) {
        System.exit(execute(productionContext(), args));
    }

    /** Runs one command line against {@code context} and returns the exit code (tests call this in-process). */
    static int execute(Context context, String... args) {
        CommandLine cli = new CommandLine(new InstallerMain(context));
        cli.setOut(writer(context.out()));
        cli.setErr(writer(context.err()));
        ExceptionExits codes = new ExceptionExits();
        cli.setExitCodeExceptionMapper(codes);
        cli.setExecutionExceptionHandler(codes);
        cli.setParameterExceptionHandler(InstallerMain::usageError);
        cli.setExecutionStrategy(InstallerMain::refuseUnmatched);
        documentExitCodes(cli);
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Exit.USAGE.code();
    }

    /**
     * An unknown command or option is a usage error whatever follows it: picocli lets {@code --help}
     * anywhere on the line win over it and exit 0 ({@code jsrvany audit --help}), which would hide the typo.
     */
    private static int refuseUnmatched(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (!r.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(r.commandSpec().commandLine(), r.unmatched());
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** A wrong command line: the message, a hint, and where to read more. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("jsrvany: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && u.getUnmatched().get(0).startsWith("-") && cli.getCommandName().equals("install")) {
            err.println("jsrvany: arguments for the program go after --, e.g."
                    + " jsrvany install NAME C:\\app\\app.exe --dir C:\\app -- --port 8080");
        } else {
            CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        }
        err.println("Try 'jsrvany " + (cli.getParent() == null ? "" : cli.getCommandName() + " ") + "--help'.");
        err.flush();
        return Exit.USAGE.code();
    }

    /** Every command lists the exit codes it can return; the root lists them all. */
    private static void documentExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitList(EnumSet.allOf(Exit.class)));
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof DocumentedExits d) {
                EnumSet<Exit> exits = EnumSet.of(Exit.OK, Exit.FAILED, Exit.USAGE);
                exits.addAll(d.exits());
                sub.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitList(exits));
            }
        }
    }

    private static Map<String, String> exitList(EnumSet<Exit> exits) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Exit e : exits) {
            map.put(String.format("%2d", e.code()), e.meaning());
        }
        return map;
    }

    /** Commands say which exit codes they can return besides 0, 1 and 2 (for their help). */
    interface DocumentedExits {
        EnumSet<Exit> exits();
    }

    /** A writer onto a PrintStream that keeps the stream's own encoding. */
    static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] buf, int off, int len) {
                stream.print(new String(buf, off, len));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        }, true);
    }

    /** The real thing: the Windows SCM and registry (elsewhere, only commands that need neither work). */
    static Context productionContext() {
        boolean windows = Platform.windows();
        Path javaHome = Path.of(System.getProperty("java.home"));
        String running = javaHome.resolve("bin").resolve(windows ? "java.exe" : "java").toString();
        Optional<String> installerJar = installerJar();
        String java = Distribution.defaultJava(installerJar, running, p -> Files.isRegularFile(Path.of(p)));
        Path programData = windows ? SecureFolder.programData()
                : Path.of(System.getenv().getOrDefault("ProgramData", "/var/lib"));
        Context.Layout layout = new Context.Layout(java,
                installerJar.map(j -> Distribution.join(Distribution.parent(j), Distribution.LAUNCHER_JAR)), programData);
        java.util.function.Supplier<ServiceManager> scm = windows ? Context.once(WindowsServiceManager::local)
                : () -> {
                    throw notWindows();
                };
        java.util.function.Supplier<ParameterStore> store = windows ? Context.once(RegistryParameterStore::localMachine)
                : () -> {
                    throw notWindows();
                };
        java.util.function.Supplier<EventSources> events = windows ? Context.once(WindowsEventSources::applicationLog)
                : () -> {
                    throw notWindows();
                };
        java.util.function.Supplier<AccessControl> access = windows ? Context.once(SecureFolder::accessControl)
                : () -> {
                    throw notWindows();
                };
        return new Context(scm, store, events, access, layout, System.getenv(), windows, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                InstallerMain::promptPassword, System.in, System.out, System.err);
    }

    private static InstallerException notWindows() {
        return new InstallerException(Exit.UNSUPPORTED, "This command manages Windows services and needs Windows."
                + " On this system 'jsrvany test --config FILE' works (it runs a configuration in the foreground).");
    }

    private static Optional<char[]> promptPassword(String prompt) {
        Console console = System.console();
        return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", prompt));
    }

    /** The jar this class was loaded from, when it was loaded from a jar. */
    private static Optional<String> installerJar() {
        CodeSource source = InstallerMain.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return Optional.empty();
            }
            return Optional.of(location.toAbsolutePath().toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = InstallerMain.class.getPackage().getImplementationVersion();
            return new String[] {"jsrvany " + (v == null ? "(development build)" : v)};
        }
    }
}
