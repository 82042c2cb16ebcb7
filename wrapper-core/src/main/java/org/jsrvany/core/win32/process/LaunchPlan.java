package org.jsrvany.core.win32.process;

import org.jsrvany.core.config.PriorityClass;
import org.jsrvany.core.config.CpuList;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jsrvany.core.config.ServiceConfig;

/**
 * Everything {@code CreateProcessW} gets for one child, decided from the configuration in plain
 * Java (tested on any OS); {@link WindowsProcessControl} only makes the calls.
 *
 * @param commandLine   {@code "Application" AppParameters}, exactly as srvany builds it, never re-quoted
 * @param environment   the child's whole environment, in Windows' block order
 * @param directory     the working directory
 * @param console       which console the child gets
 * @param priorityClass {@code AppPriority}, a priority class ({@code SetPriorityClass})
 * @param affinity      {@code AppAffinity}: CPU numbers across the processor groups ({@link CpuList}); empty = all
 *                      (placed on the machine's groups at launch, {@link Affinity#place})
 * @param killTree      {@code AppKillProcessTree}: the child runs in a kill-on-close job object
 */
record LaunchPlan(String commandLine, EnvironmentBlock environment, String directory, ConsoleMode console,
                  int priorityClass, SortedSet<Integer> affinity, boolean killTree) {

    LaunchPlan {
        affinity = Collections.unmodifiableSortedSet(new TreeSet<>(affinity));
        if (PriorityClass.of(priorityClass).isEmpty()) {
            throw new IllegalArgumentException(String.format("AppPriority 0x%X is not a priority class: expected %s",
                    priorityClass, PriorityClass.choices()));
        }
    }

    /**
     * The plan for a validated configuration, with the default console mode.
     *
     * @throws IllegalArgumentException for an environment Windows cannot hold (two names differing
     *     only in case)
     */
    static LaunchPlan of(ServiceConfig config) {
        return of(config, ConsoleMode.NEW_HIDDEN);
    }

    /** The plan with the given console mode for a console child; {@code AppNoConsole=1} always wins. */
    static LaunchPlan of(ServiceConfig config, ConsoleMode consoleChild) {
        ConsoleMode console = config.windows().noConsole() ? ConsoleMode.NONE : consoleChild;
        return new LaunchPlan(config.windowsCommandLine(), EnvironmentBlock.of(config.environment()),
                config.directory().toString(), console, config.windows().priorityClass(),
                CpuList.cpus(config.windows().affinity()), config.stopPolicy().killTree());
    }

    /**
     * This plan with the environment built on {@code base} instead of the service's own: for a child in a
     * user's session, the user's environment block ({@code CreateEnvironmentBlock}) with {@code AppEnvironment}
     * and {@code AppEnvironmentExtra} applied as configured.
     */
    LaunchPlan onEnvironment(java.util.Map<String, String> base, org.jsrvany.core.config.SessionRule.EnvironmentRecipe recipe) {
        org.jsrvany.core.config.Environments.Result env = org.jsrvany.core.config.Environments.build(base,
                recipe.replace(), recipe.mergeReplace(), recipe.fileEntries(), recipe.extra(), true);
        return new LaunchPlan(commandLine, EnvironmentBlock.of(env.environment()), directory, console, priorityClass,
                affinity, killTree);
    }

    /**
     * This plan on the console the wrapper made for the child ({@link ConsoleMode#INHERITED}): the same
     * everything, without a console flag ({@code AppConsoleCodePage}, {@link ChildConsole}).
     */
    LaunchPlan onWrapperConsole() {
        return new LaunchPlan(commandLine, environment, directory, ConsoleMode.INHERITED, priorityClass, affinity,
                killTree);
    }

    /** {@code NORMAL_PRIORITY_CLASS}, which a new process has anyway. */
    static final int NORMAL_PRIORITY_CLASS = 0x20;

    /**
     * {@code dwCreationFlags}: suspended (so the job holds it before it runs), a Unicode environment
     * block, the console mode, {@code EXTENDED_STARTUPINFO_PRESENT} (the handle list, see
     * {@link ProcThreadAttributes}) and what the job placement needs ({@code CREATE_BREAKAWAY_FROM_JOB} on
     * Windows 7 inside a job that allows it). Never {@code CREATE_NEW_PROCESS_GROUP}. The priority class is
     * not among them: it is set with {@code SetPriorityClass} while the child is still suspended (Wine
     * ignores a priority class given as a creation flag; Windows takes both).
     */
    int creationFlags(JobPlacement placement) {
        return Kernel32Ex.CREATE_SUSPENDED | Kernel32Ex.CREATE_UNICODE_ENVIRONMENT | console.creationFlag()
                | Kernel32Ex.EXTENDED_STARTUPINFO_PRESENT | placement.creationFlag();
    }

    /** Whether the child needs a {@code SetPriorityClass} before it runs. */
    boolean setsPriorityClass() {
        return priorityClass != NORMAL_PRIORITY_CLASS;
    }

    /** {@code STARTUPINFO.dwFlags}: our pipes and NUL as the standard handles, and the window hidden if any. */
    int startupFlags() {
        return Kernel32Ex.STARTF_USESTDHANDLES | console.startupFlag();
    }

    /** {@code STARTUPINFO.wShowWindow}: hidden (read only with {@code STARTF_USESHOWWINDOW}). */
    short showWindow() {
        return Kernel32Ex.SW_HIDE;
    }
}
