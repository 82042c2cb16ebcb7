package org.jsrvany.core.win32.process;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** userenv.dll: a user's own environment block. Loaded on first use. */
interface UserenvEx extends StdCallLibrary {

    final class Holder {
        static final UserenvEx INSTANCE = Native.load("userenv", UserenvEx.class, W32APIOptions.DEFAULT_OPTIONS);

        private Holder() {
        }
    }

    static UserenvEx instance() {
        return Holder.INSTANCE;
    }

    /**
     * {@code CreateEnvironmentBlock}: the user's environment (Unicode strings, double-NUL terminated); with
     * {@code inherit} FALSE nothing of the caller's environment. Free it with {@link #DestroyEnvironmentBlock}.
     */
    boolean CreateEnvironmentBlock(PointerByReference environment, HANDLE token, boolean inherit);

    boolean DestroyEnvironmentBlock(Pointer environment);
}
