package org.jsrvany.core.win32.scm;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Winsvc;

/** A service or SCM handle; {@link #close()} may be called any number of times. */
final class ScHandle implements AutoCloseable {
    private Winsvc.SC_HANDLE handle;

    ScHandle(Winsvc.SC_HANDLE handle) {
        this.handle = handle;
    }

    Winsvc.SC_HANDLE get() {
        if (handle == null) {
            throw new IllegalStateException("the handle is closed");
        }
        return handle;
    }

    @Override
    public void close() {
        if (handle != null) {
            Advapi32.INSTANCE.CloseServiceHandle(handle);
            handle = null;
        }
    }
}
