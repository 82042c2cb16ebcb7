package org.jsrvany.samples;

import com.sun.jna.Native;
import java.lang.reflect.InvocationTargetException;

/**
 * Makes the process ignore SIGINT/SIGTERM (POSIX) or Ctrl+C (Windows). Failing to ignore is never
 * silent: it throws, and the fixture exits with {@link ExitStatus#CANNOT_IGNORE_SIGNAL}.
 */
final class SignalIgnorer {
    private SignalIgnorer() {
    }

    static final class CannotIgnoreException extends Exception {
        private static final long serialVersionUID = 1L;

        CannotIgnoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    static void ignoreInterrupt() throws CannotIgnoreException {
        if (isWindows()) {
            ignoreCtrlC();
        } else {
            ignorePosix("INT");
        }
    }

    static void ignoreTerminate() throws CannotIgnoreException {
        if (isWindows()) {
            throw new CannotIgnoreException(
                    "--ignore-sigterm: Windows has no SIGTERM to ignore; use --ignore-sigint to ignore Ctrl+C", null);
        }
        ignorePosix("TERM");
    }

    /** sun.misc.Signal lives in jdk.unsupported: reached through reflection so the build has no compile-time tie. */
    private static void ignorePosix(String name) throws CannotIgnoreException {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object ignore = handlerClass.getField("SIG_IGN").get(null);
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, ignore);
        } catch (InvocationTargetException e) {
            throw new CannotIgnoreException("cannot ignore SIG" + name + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            throw new CannotIgnoreException("cannot ignore SIG" + name + " (sun.misc.Signal unusable): " + e, e);
        }
    }

    private static void ignoreCtrlC() throws CannotIgnoreException {
        boolean ok;
        try {
            ok = Kernel32Ex.INSTANCE.SetConsoleCtrlHandler(null, true);
        } catch (LinkageError | RuntimeException e) {
            throw new CannotIgnoreException("cannot ignore Ctrl+C (JNA unusable): " + e, e);
        }
        if (!ok) {
            int error = Native.getLastError();
            throw new CannotIgnoreException("cannot ignore Ctrl+C: SetConsoleCtrlHandler failed with error " + error,
                    null);
        }
    }
}
