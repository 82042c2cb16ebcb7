package org.jsrvany.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.output.OutputSettings;

/**
 * One service's validated configuration. Built only by {@link ConfigLoader}, which checks every
 * value once; everything downstream trusts it.
 *
 * @param serviceName   the service's name (the registry key's name, or chosen for a foreground run)
 * @param application   absolute path of the program
 * @param parameters    {@code AppParameters}, raw, as srvany passes it
 * @param directory     absolute, existing working directory
 * @param environment   the child's complete environment
 * @param exitActions   {@code AppExit}
 * @param throttle      {@code AppThrottle}
 * @param restartDelay  {@code AppRestartDelay}
 * @param stopPolicy    the stop ladder
 * @param output        where stdout and stderr go
 * @param pauseMode     what PAUSE does
 * @param windows       options only Windows acts on
 * @param stdin         [AppStdin] the file or device the child reads as standard input, opened anew for
 *                      each run; {@code null} = nothing (NUL on Windows, a pipe at end of file on POSIX)
 * @param hooks         NSSM's event hooks ({@code AppEvents})
 * @param health        readiness, liveness and the start condition (all off by default)
 * @param limits        resource limits, scheduled restart, status refresh (all off by default)
 */
public record ServiceConfig(String serviceName, Path application, String parameters, Path directory,
                            SortedMap<String, String> environment, ExitActions exitActions, Duration throttle,
                            Duration restartDelay, StopPolicy stopPolicy, OutputSettings output, PauseMode pauseMode,
                            WindowsOptions windows, Path stdin, Hooks hooks, HealthSettings health,
                            LimitSettings limits) {

    public ServiceConfig {
        java.util.Objects.requireNonNull(hooks, "hooks");
        java.util.Objects.requireNonNull(health, "health");
        limits = limits == null ? LimitSettings.NONE : limits;
        SortedMap<String, String> copy = new TreeMap<>(environment.comparator());
        copy.putAll(environment);
        environment = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /** A configuration without AppStdin, hooks, readiness, liveness, start condition, limits or schedule. */
    public ServiceConfig(String serviceName, Path application, String parameters, Path directory,
                         SortedMap<String, String> environment, ExitActions exitActions, Duration throttle,
                         Duration restartDelay, StopPolicy stopPolicy, OutputSettings output, PauseMode pauseMode,
                         WindowsOptions windows) {
        this(serviceName, application, parameters, directory, environment, exitActions, throttle, restartDelay,
                stopPolicy, output, pauseMode, windows, null, Hooks.none(), HealthSettings.none(), LimitSettings.NONE);
    }

    /**
     * Never the environment's values (they may come from {@code AppEnvironmentFile} and hold secrets): only
     * its names. Nothing logs a configuration today; this keeps it so if something ever does.
     */
    @Override
    public String toString() {
        return "ServiceConfig[serviceName=" + serviceName + ", application=" + application + ", directory=" + directory
                + ", environment names=" + environment.keySet() + ", exitActions=" + exitActions + ", throttle="
                + throttle + ", restartDelay=" + restartDelay + ", stopPolicy=" + stopPolicy + ", output=" + output
                + ", pauseMode=" + pauseMode + ", windows=" + windows + ", stdin=" + stdin + ", hooks=" + hooks
                + ", health=" + health + ", limits=" + limits + "]";
    }

    /** {@code AppParameters} split into arguments with the Windows rules, for POSIX launches. */
    public List<String> arguments() {
        return WindowsCommandLine.splitArguments(parameters);
    }

    /** The Windows command line srvany and NSSM build: {@code "Application" AppParameters}. */
    public String windowsCommandLine() {
        return WindowsCommandLine.commandLine(application.toString(), parameters);
    }
}
