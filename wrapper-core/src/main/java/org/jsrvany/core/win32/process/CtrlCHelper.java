package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Ctrl+C from a helper process, for a wrapper that is on a console of its own (in the
 * foreground) and must not leave it (see {@link ConsoleCtrl}).
 *
 * <p>The helper is {@link CtrlCSender}, run by the wrapper's own {@code java.exe} with no console
 * ({@code DETACHED_PROCESS}); its exit code says what happened.
 */
final class CtrlCHelper {
    private static final Logger LOG = LoggerFactory.getLogger(CtrlCHelper.class);

    static final int SENT = CtrlCSender.SENT;
    static final int NO_CONSOLE = CtrlCSender.NO_CONSOLE;
    static final int FAILED = CtrlCSender.FAILED;

    /** The most one helper run may take: a JVM start plus the send, generous for a loaded machine. */
    static final Duration BOUND = Duration.ofSeconds(30);
    /** Less time than this left is not worth a second helper: a JVM does not even start in it. */
    static final Duration MIN_RETRY = Duration.ofSeconds(1);

    /** System properties the helper's JNA needs as the wrapper has them (a locked-down service account). */
    private static final List<String> PASSED_PROPERTIES = List.of("jna.tmpdir", "jna.boot.library.path",
            "jna.nosys", "jna.nounpack", "java.io.tmpdir");

    private CtrlCHelper() {
    }

    /**
     * In the wrapper: runs the helper for these pids and waits for its verdict, all within
     * {@code budget}. A helper that reports "not sent" is run once more if time is left: under Wine
     * about one run in ten reported so while the child's console was there (cause not found yet; the
     * first verdict is logged for that). A second Ctrl+C follows only a reported failure, so a child
     * never gets two.
     */
    static ConsoleCtrl.Delivery send(int[] pids, Duration budget) {
        return withinBudget(budget, System::nanoTime, bound -> sendOnce(pids, bound), first -> LOG.warn(
                "The Ctrl+C helper reported {} for pids {}; trying once more", first, java.util.Arrays.toString(pids)));
    }

    /**
     * Runs {@code attempt} with a bound of {@link #BOUND} or the time left of {@code budget}, whichever is
     * less; after anything but SENT, tells {@code retrying} and runs it once more if at least
     * {@link #MIN_RETRY} is left. No time at all: FAILED without an attempt. Pure ({@code nanoTime} is the
     * clock).
     */
    static ConsoleCtrl.Delivery withinBudget(Duration budget, java.util.function.LongSupplier nanoTime,
                                             java.util.function.Function<Duration, ConsoleCtrl.Delivery> attempt,
                                             java.util.function.Consumer<ConsoleCtrl.Delivery> retrying) {
        long deadline = nanoTime.getAsLong() + budget.toNanos();
        Duration left = budget;
        if (left.isNegative() || left.isZero()) {
            LOG.warn("No time is left in the stop step for the Ctrl+C helper; not sent");
            return ConsoleCtrl.Delivery.FAILED;
        }
        ConsoleCtrl.Delivery first = attempt.apply(min(BOUND, left));
        if (first == ConsoleCtrl.Delivery.SENT) {
            return first;
        }
        left = Duration.ofNanos(deadline - nanoTime.getAsLong());
        if (left.compareTo(MIN_RETRY) < 0) {
            return first;
        }
        retrying.accept(first);
        return attempt.apply(min(BOUND, left));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static ConsoleCtrl.Delivery sendOnce(int[] pids, Duration bound) {
        String commandLine = commandLine(javaExecutable(), classpath(), systemProperties(), pids);
        try (ProcessHandleW helper = ProcessHandleW.startDetached(commandLine)) {
            helper.closeThread();
            OptionalInt code = helper.waitFor(bound);
            if (code.isEmpty()) {
                LOG.warn("The Ctrl+C helper (pid {}) did not finish within {}; ending it", helper.pid(), bound);
                helper.terminate(FAILED);
                return ConsoleCtrl.Delivery.FAILED;
            }
            return switch (code.getAsInt()) {
                case SENT -> ConsoleCtrl.Delivery.SENT;
                case NO_CONSOLE -> ConsoleCtrl.Delivery.NO_CONSOLE;
                default -> {
                    LOG.warn("The Ctrl+C helper failed with exit code {}: {}", code.getAsInt(), commandLine);
                    yield ConsoleCtrl.Delivery.FAILED;
                }
            };
        } catch (Win32CallException e) {
            LOG.warn("The Ctrl+C helper could not run: {}", e.getMessage());
            return ConsoleCtrl.Delivery.FAILED;
        }
    }

    /** The helper's command line: {@code "java.exe" -Xrs ... -cp "..." CtrlCSender pid...}. Pure. */
    static String commandLine(String java, String classpath, List<String> properties, int[] pids) {
        List<String> arguments = new ArrayList<>();
        for (int pid : pids) {
            arguments.add(Integer.toString(pid));
        }
        return commandLine(java, classpath, properties, CtrlCSender.class.getName(), arguments);
    }

    /** A helper's command line: {@code "java.exe" -Xrs ... -cp "..." mainClass arguments...}. Pure. */
    static String commandLine(String java, String classpath, List<String> properties, String mainClass,
                              List<String> arguments) {
        List<String> args = new ArrayList<>(List.of("-Xrs", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto"));
        args.addAll(properties);
        args.add("-cp");
        args.add(classpath);
        args.add(mainClass);
        args.addAll(arguments);
        return WindowsCommandLine.quoteProgram(java) + " " + WindowsCommandLine.joinArguments(args);
    }

    /**
     * The command line of a helper of this package run by the wrapper's own {@code java.exe}, with the JNA properties
     * the wrapper has ({@link UserSessionSteps} runs {@link CtrlCSender} and {@link WindowStepSender} this way).
     */
    static String helperCommandLine(Class<?> mainClass, List<String> arguments) {
        return commandLine(javaExecutable(), classpath(), systemProperties(), mainClass.getName(), arguments);
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java.exe").toString();
    }

    private static List<String> systemProperties() {
        List<String> out = new ArrayList<>();
        for (String name : PASSED_PROPERTIES) {
            String value = System.getProperty(name);
            if (value != null) {
                out.add("-D" + name + "=" + value);
            }
        }
        return out;
    }

    /** Our classes, JNA and jna-platform, wherever they were loaded from (one shaded jar, or folders and jars). */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(CtrlCSender.class, Native.class, Kernel32.class)) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    entries.add(Path.of(source.getLocation().toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    LOG.debug("no file location for {}: {}", type.getName(), source.getLocation());
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
