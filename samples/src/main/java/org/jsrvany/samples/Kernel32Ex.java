package org.jsrvany.samples;

import com.sun.jna.Native;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** kernel32 functions jna-platform does not map. Windows only: loading it elsewhere fails. */
interface Kernel32Ex extends StdCallLibrary {
    Kernel32Ex INSTANCE = Native.load("kernel32", Kernel32Ex.class, W32APIOptions.DEFAULT_OPTIONS);

    /** {@code BOOL WINAPI HandlerRoutine(DWORD dwCtrlType)}. */
    interface HandlerRoutine extends StdCallCallback {
        boolean callback(int ctrlType);
    }

    /** With a null handler and {@code add = true}, the process (and its future children) ignores Ctrl+C. */
    boolean SetConsoleCtrlHandler(HandlerRoutine handler, boolean add);
}
