package org.jsrvany.core.win32.process;

import org.jsrvany.core.win32.Win32CallException;
import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Tlhelp32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.DWORD;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinDef.LPARAM;
import com.sun.jna.platform.win32.WinDef.WPARAM;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.ptr.IntByReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stop ladder's window steps, as NSSM takes them: {@code WM_CLOSE} to every top-level window
 * of the tree's processes, then {@code WM_QUIT} to every thread of those processes (a thread
 * without a message queue refuses it). Each returns how many took the message.
 */
final class WindowMessages {
    /** Looked up only when needed: {@link WindowStepSender} runs these steps in a helper without a logging library. */
    private static Logger log() {
        return LoggerFactory.getLogger(WindowMessages.class);
    }

    private static final WPARAM NO_WPARAM = new WPARAM(0);
    private static final LPARAM NO_LPARAM = new LPARAM(0);

    private WindowMessages() {
    }

    /** Posts {@code WM_CLOSE} to the top-level windows owned by {@code pids}; returns how many were posted. */
    static int closeWindows(Set<Integer> pids) {
        List<HWND> windows = new ArrayList<>();
        IntByReference owner = new IntByReference();
        User32.INSTANCE.EnumWindows((window, data) -> {
            User32.INSTANCE.GetWindowThreadProcessId(window, owner);
            if (pids.contains(owner.getValue())) {
                windows.add(window);
            }
            return true;
        }, null);
        int posted = 0;
        for (HWND window : windows) {
            if (User32Ex.instance().PostMessageW(window, User32Ex.WM_CLOSE, NO_WPARAM, NO_LPARAM)) {
                posted++;
            }
        }
        return posted;
    }

    /** Posts {@code WM_QUIT} to every thread of {@code pids}; returns how many threads took it. */
    static int quitThreads(Set<Integer> pids) {
        HANDLE snapshot = Kernel32.INSTANCE.CreateToolhelp32Snapshot(new DWORD(Kernel32Ex.TH32CS_SNAPTHREAD),
                new DWORD(0));
        if (snapshot == null || WinBase.INVALID_HANDLE_VALUE.equals(snapshot)) {
            throw Win32CallException.lastError("CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD)");
        }
        List<Integer> threads = new ArrayList<>();
        try {
            Tlhelp32.THREADENTRY32 entry = new Tlhelp32.THREADENTRY32();
            boolean more = Kernel32.INSTANCE.Thread32First(snapshot, entry);
            while (more) {
                if (pids.contains(entry.th32OwnerProcessID)) {
                    threads.add(entry.th32ThreadID);
                }
                entry = new Tlhelp32.THREADENTRY32();
                more = Kernel32.INSTANCE.Thread32Next(snapshot, entry);
            }
        } finally {
            if (!Kernel32.INSTANCE.CloseHandle(snapshot)) {
                throw Win32CallException.lastError("CloseHandle(thread snapshot)");
            }
        }
        int posted = 0;
        for (int thread : threads) {
            if (User32Ex.instance().PostThreadMessageW(thread, User32Ex.WM_QUIT, NO_WPARAM, NO_LPARAM)) {
                posted++;
            } else {
                int error = Native.getLastError();
                if (error != User32Ex.ERROR_INVALID_THREAD_ID) { // "no message queue" is the usual answer
                    log().debug("PostThreadMessage(thread {}, WM_QUIT) failed with error {}", thread, error);
                }
            }
        }
        return posted;
    }
}
