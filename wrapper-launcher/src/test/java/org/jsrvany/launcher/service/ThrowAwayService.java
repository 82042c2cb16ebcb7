package org.jsrvany.launcher.service;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.W32Service;
import com.sun.jna.platform.win32.W32ServiceManager;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jsrvany.launcher.logging.ServiceLogging;
import org.jsrvany.core.win32.security.SecureFolder;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.win32.eventlog.EventLogSource;
import org.jsrvany.core.win32.registry.RegistryKeyAccess;
import org.jsrvany.core.win32.registry.RegistryParameterStore;
import org.jsrvany.core.win32.registry.RegistryValue;
import org.jsrvany.launcher.LauncherMain;
import org.jsrvany.samples.FixtureCommand;

/**
 * A throw-away service whose program is the launcher, for the Windows tests: created through the
 * SCM API with its {@code Parameters} in HKLM, driven through the API (Wine's {@code sc} has no
 * pause or continue), and removed with everything it left (service, keys, event source, wrapper
 * log) by {@link #close()}, also when the test failed.
 */
final class ThrowAwayService implements AutoCloseable {
    static final Duration BOUND = Duration.ofSeconds(60);
    private static final int SYNCHRONIZE = 0x0010_0000;

    final String name;
    private final String parameters;
    private final RegistryKeyAccess registry = RegistryKeyAccess.localMachine();
    private final W32ServiceManager scm = new W32ServiceManager();
    private final Winsvc.SC_HANDLE handle;
    private final W32Service service;
    private final List<WinNT.HANDLE> processes = new ArrayList<>();
    private final Path logDir;
    private boolean eventSourceRegistered;

    /** {@code SERVICE_PRESHUTDOWN_INFO}: jna-platform has no such structure. */
    @Structure.FieldOrder("dwPreshutdownTimeout")
    public static final class PreshutdownInfo extends Winsvc.ChangeServiceConfig2Info {
        public int dwPreshutdownTimeout;
    }

    private ThrowAwayService(String name, Winsvc.SC_HANDLE handle, Path logDir) {
        this.name = name;
        this.logDir = logDir;
        this.parameters = RegistryParameterStore.parametersKey(name);
        this.handle = handle;
        this.service = new W32Service(handle);
    }

    /** Creates a demand-start own-process service running the launcher, with an empty Parameters key. */
    static ThrowAwayService create() {
        return create(null);
    }

    /**
     * Same, with the wrapper's log in {@code logDir} ({@code -Djsrvany.logdir} in ImagePath); null
     * keeps the default folder.
     */
    static ThrowAwayService create(Path logDir) {
        String name = "jsrvany-test-" + UUID.randomUUID().toString().substring(0, 8);
        W32ServiceManager manager = new W32ServiceManager();
        manager.open(Winsvc.SC_MANAGER_ALL_ACCESS);
        Winsvc.SC_HANDLE h = Advapi32.INSTANCE.CreateService(manager.getHandle(), name, "jsrvany test " + name,
                Winsvc.SERVICE_ALL_ACCESS, WinNT.SERVICE_WIN32_OWN_PROCESS, WinNT.SERVICE_DEMAND_START,
                WinNT.SERVICE_ERROR_NORMAL, launcherImagePath(logDir), null, null, null, null, null);
        int error = Native.getLastError();
        manager.close();
        if (h == null) {
            throw new IllegalStateException("CreateService(" + name + ") failed: error " + error);
        }
        ThrowAwayService s = new ThrowAwayService(name, h, logDir);
        s.scm.open(Winsvc.SC_MANAGER_ALL_ACCESS);
        s.registry.createKey(s.parameters);
        return s;
    }

    static boolean isWine() {
        return RegistryKeyAccess.localMachine().keyExists("Software\\Wine");
    }

    static boolean elevated() {
        return Advapi32Util.isCurrentProcessElevated();
    }

    /**
     * {@code "<java.exe>" -Xrs -Xmx64m <launcher>}: the shaded launcher jar when the build made one
     * after the classes were compiled, else the launcher's classpath and main class.
     */
    static String launcherImagePath(Path logDir) {
        String logOption = logDir == null ? "" : "-D" + ServiceLogging.LOG_DIR_PROPERTY + "=\"" + logDir + "\" ";
        return "\"" + javaExe() + "\" -Xrs -Xmx64m " + logOption + launcherArguments();
    }

    static String javaExe() {
        return Path.of(System.getProperty("java.home"), "bin", "java.exe").toString();
    }

    /** What follows the JVM options: {@code -jar "<shaded jar>"} or {@code -cp "<classpath>" LauncherMain}. */
    static String launcherArguments() {
        Path classes = codeSource(LauncherMain.class);
        Path jar = classes.getParent().resolve("jsrvany-launcher.jar");
        Path mainClass = classes.resolve("org/jsrvany/launcher/LauncherMain.class");
        try {
            if (Files.isDirectory(classes) && Files.isRegularFile(jar)
                    && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(mainClass)) >= 0) {
                return "-jar \"" + jar + "\"";
            }
        } catch (IOException e) {
            // fall back to the classpath
        }
        Set<String> cp = new LinkedHashSet<>();
        for (Class<?> c : List.of(LauncherMain.class, RegistryParameterStore.class, Native.class, Advapi32.class,
                org.slf4j.LoggerFactory.class, ch.qos.logback.classic.LoggerContext.class,
                ch.qos.logback.core.Appender.class, picocli.CommandLine.class,
                org.apache.commons.exec.CommandLine.class)) {
            cp.add(codeSource(c).toString());
        }
        return "-cp \"" + String.join(";", cp) + "\" " + LauncherMain.class.getName();
    }

    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Application = java.exe, AppParameters = the fixture with these flags, AppDirectory = {@code directory}. */
    ThrowAwayService runsFixture(Path directory, String... flags) {
        List<String> args = new ArrayList<>(List.of("-cp", FixtureCommand.classpath(), "org.jsrvany.samples.Fixture"));
        args.addAll(List.of(flags));
        set("Application", new RegistryValue.Sz(FixtureCommand.javaExecutable().toString()));
        set("AppParameters", new RegistryValue.Sz(WindowsCommandLine.joinArguments(args)));
        set("AppDirectory", new RegistryValue.Sz(directory.toString()));
        return this;
    }

    ThrowAwayService set(String value, RegistryValue data) {
        registry.setValue(parameters, value, data);
        return this;
    }

    ThrowAwayService exitAction(String code, String action) {
        registry.createKey(parameters + "\\AppExit");
        registry.setValue(parameters + "\\AppExit", code, new RegistryValue.Sz(action));
        return this;
    }

    ThrowAwayService preshutdownTimeout(int millis) {
        PreshutdownInfo info = new PreshutdownInfo();
        info.dwPreshutdownTimeout = millis;
        if (!Advapi32.INSTANCE.ChangeServiceConfig2(handle, 7, info)) {
            throw new IllegalStateException("ChangeServiceConfig2(PRESHUTDOWN_INFO) failed: error " + Native.getLastError());
        }
        return this;
    }

    ThrowAwayService registerEventSource() {
        eventSourceRegistered = EventLogSource.register(name) == EventLogSource.Registration.CREATED;
        return this;
    }

    void start() {
        if (!Advapi32.INSTANCE.StartService(handle, 0, null)) {
            throw new IllegalStateException("StartService(" + name + ") failed: error " + Native.getLastError());
        }
    }

    Winsvc.SERVICE_STATUS_PROCESS status() {
        return service.queryStatus();
    }

    /** Sends a control through the API; returns the Win32 error (0 on success). */
    int control(int control) {
        if (Advapi32.INSTANCE.ControlService(handle, control, new Winsvc.SERVICE_STATUS())) {
            return WinError.NO_ERROR;
        }
        return Native.getLastError();
    }

    /** Polls until the service reports {@code state}, within {@link #BOUND}; returns the last status seen. */
    Winsvc.SERVICE_STATUS_PROCESS awaitState(int state) throws InterruptedException {
        Winsvc.SERVICE_STATUS_PROCESS[] last = {status()};
        await(BOUND, () -> {
            last[0] = status();
            return last[0].dwCurrentState == state;
        });
        return last[0];
    }

    /** Polls until the state is neither START_PENDING nor another pending state, within {@link #BOUND}. */
    Winsvc.SERVICE_STATUS_PROCESS awaitSettled() throws InterruptedException {
        Winsvc.SERVICE_STATUS_PROCESS[] last = {status()};
        await(BOUND, () -> {
            last[0] = status();
            int s = last[0].dwCurrentState;
            return s == Winsvc.SERVICE_RUNNING || s == Winsvc.SERVICE_STOPPED || s == Winsvc.SERVICE_PAUSED;
        });
        return last[0];
    }

    /**
     * The wrapper's log: in the folder given at creation, else in the service's own folder
     * {@code %ProgramData%\jsrvany\logs\<name>}, {@code %ProgramData%} being the known folder (the same
     * for the service and this test, also under Wine, whose services get another {@code ProgramData}
     * environment variable).
     */
    Path wrapperLog() {
        Path dir = logDir != null ? logDir : ServiceLogging.folder(null, SecureFolder::programData, name);
        return dir.resolve(ServiceLogging.baseName(name) + ".log");
    }

    String wrapperLogText() {
        try {
            return Files.exists(wrapperLog()) ? Files.readString(wrapperLog(), StandardCharsets.UTF_8) : "(no wrapper log)";
        } catch (IOException e) {
            return "(wrapper log unreadable: " + e + ")";
        }
    }

    /** Holds a handle to the process so that its end can be awaited even if its pid is reused. */
    WinNT.HANDLE holdProcess(long pid) {
        WinNT.HANDLE h = Kernel32.INSTANCE.OpenProcess(SYNCHRONIZE | WinNT.PROCESS_QUERY_LIMITED_INFORMATION, false, (int) pid);
        if (h == null) {
            throw new IllegalStateException("OpenProcess(" + pid + ") failed: error " + Native.getLastError());
        }
        processes.add(h);
        return h;
    }

    /** Whether the held process has ended, waiting at most {@code timeout}. */
    static boolean ended(WinNT.HANDLE process, Duration timeout) {
        return Kernel32.INSTANCE.WaitForSingleObject(process, (int) timeout.toMillis()) == WinBase.WAIT_OBJECT_0;
    }

    static boolean await(Duration bound, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Stops the service if it still runs (or kills its process), deletes it, its keys, event source and logs. */
    @Override
    public void close() {
        try {
            stopOrKill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                // A service whose process ended without reporting STOPPED stays RUNNING in Wine's SCM, which
                // then never removes it: waiting for that would be vain.
                boolean vanished = status().dwCurrentState != Winsvc.SERVICE_STOPPED && !live();
                Advapi32.INSTANCE.DeleteService(handle);
                service.close();
                if (!vanished) {
                    awaitDeleted();
                }
                scm.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                processes.forEach(Kernel32.INSTANCE::CloseHandle);
                registry.deleteTree(RegistryParameterStore.serviceKey(name));
                if (eventSourceRegistered) {
                    EventLogSource.unregister(name);
                }
                deleteLogs();
            }
        }
    }

    /** Whether the SCM's view can still change: the service is not STOPPED and its process still runs. */
    private boolean live() {
        Winsvc.SERVICE_STATUS_PROCESS s = status();
        if (s.dwCurrentState == Winsvc.SERVICE_STOPPED) {
            return false;
        }
        if (s.dwProcessId == 0) {
            return true;
        }
        WinNT.HANDLE p = Kernel32.INSTANCE.OpenProcess(SYNCHRONIZE, false, s.dwProcessId);
        if (p == null) {
            return false;
        }
        try {
            return !ended(p, Duration.ZERO);
        } finally {
            Kernel32.INSTANCE.CloseHandle(p);
        }
    }

    private void stopOrKill() throws InterruptedException {
        if (live()) {
            Winsvc.SERVICE_STATUS_PROCESS s = status();
            control(Winsvc.SERVICE_CONTROL_STOP);
            if (awaitState(Winsvc.SERVICE_STOPPED).dwCurrentState != Winsvc.SERVICE_STOPPED && s.dwProcessId != 0) {
                WinNT.HANDLE p = Kernel32.INSTANCE.OpenProcess(WinNT.PROCESS_TERMINATE, false, s.dwProcessId);
                if (p != null) {
                    Kernel32.INSTANCE.TerminateProcess(p, 1);
                    Kernel32.INSTANCE.CloseHandle(p);
                }
            }
        }
    }

    /** DeleteService only marks the service; the SCM removes it once its process has ended. */
    private void awaitDeleted() throws InterruptedException {
        await(BOUND, () -> {
            Winsvc.SC_HANDLE again = Advapi32.INSTANCE.OpenService(scm.getHandle(), name, Winsvc.SERVICE_QUERY_STATUS);
            if (again == null) {
                return true;
            }
            Advapi32.INSTANCE.CloseServiceHandle(again);
            return false;
        });
    }

    private void deleteLogs() {
        Path log = wrapperLog();
        String base = ServiceLogging.baseName(name);
        try (Stream<Path> files = Files.list(log.getParent())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(base + ".")) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            // the folder is not there: nothing to delete
        }
    }
}
