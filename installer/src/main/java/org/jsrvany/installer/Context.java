package org.jsrvany.installer;

import org.jsrvany.core.service.DataFolders;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.service.EventSources;
import org.jsrvany.core.config.ParameterStore;
import org.jsrvany.core.service.ServiceManager;

/**
 * Everything a command talks to, chosen once by {@link InstallerMain#main} (Windows) or by a test
 * (in-memory fakes, a manual clock, captured output).
 *
 * @param services     the SCM; asked for lazily, so commands that need no SCM ({@code test --config}) run anywhere
 * @param parameters   the services' Parameters keys
 * @param events       the event log sources
 * @param layout       where java.exe, the launcher jar and ProgramData are
 * @param environment  the environment the configuration is validated against
 * @param windowsRules whether configurations are validated with Windows rules (PATHEXT, case-insensitive names)
 * @param clock        for timeouts and uptimes
 * @param sleeper      waits between status polls
 * @param passwords    asks for a password without echo
 * @param stdin        where {@code --password-stdin} reads from
 * @param out          normal output
 * @param err          progress, warnings and errors
 */
record Context(Supplier<ServiceManager> services, Supplier<ParameterStore> parameters, Supplier<EventSources> events,
               Layout layout,
               Map<String, String> environment, boolean windowsRules, Clock clock, Sleeper sleeper, Passwords passwords,
               InputStream stdin, PrintStream out, PrintStream err) {

    ServiceManager scm() {
        return services.get();
    }

    ParameterStore store() {
        return parameters.get();
    }

    Backends backends() {
        return new Backends(services.get(), parameters.get(), events.get());
    }

    /** A validator with this context's environment and rules; problems it only warns about go to {@code err}. */
    ConfigLoader loader() {
        return new ConfigLoader(environment, windowsRules, w -> err.println("jsrvany: warning: " + w));
    }

    /** What the service last published about itself, if anything (read defensively). */
    Optional<PublishedStatus> published(String service) {
        return PublishedStatus.read(PublishedStatus.file(layout.programData(), service));
    }

    /**
     * Where the installation's files are.
     *
     * @param javaExecutable     the java.exe the service runs (by default the one running the installer)
     * @param defaultLauncherJar the {@code jsrvany-launcher.jar} beside the installer's jar, when known
     * @param programData        {@code %ProgramData%}: status files and the wrapper's logs go below it
     */
    record Layout(String javaExecutable, Optional<String> defaultLauncherJar, Path programData) {
        /** jsrvany's folders under {@link #programData}. */
        DataFolders folders() {
            return new DataFolders(programData);
        }
    }

    /** Waits between polls; tests advance a manual clock instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Reads a password without echo; empty when there is no console to ask on. */
    @FunctionalInterface
    interface Passwords {
        Optional<char[]> prompt(String prompt);
    }

    /** A supplier that asks its delegate once. */
    static <T> Supplier<T> once(Supplier<T> delegate) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = delegate.get();
                }
                return value;
            }
        };
    }
}
