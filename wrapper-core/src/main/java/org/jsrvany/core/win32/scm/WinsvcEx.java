package org.jsrvany.core.win32.scm;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The structures {@link Advapi32Ex} takes (winsvc.h and ntsecapi.h), kept out of the library
 * interface so that using one does not load advapi32 (JNA reads a nested structure's options from
 * its enclosing library), which lets the Linux tests check their layouts.
 */
final class WinsvcEx {
    private WinsvcEx() {
    }

    /** {@code QUERY_SERVICE_CONFIGW} (64 bytes on x64). */
    @Structure.FieldOrder({"dwServiceType", "dwStartType", "dwErrorControl", "lpBinaryPathName", "lpLoadOrderGroup",
            "dwTagId", "lpDependencies", "lpServiceStartName", "lpDisplayName"})
    public static final class QUERY_SERVICE_CONFIG extends Structure {
        public int dwServiceType;
        public int dwStartType;
        public int dwErrorControl;
        public Pointer lpBinaryPathName;
        public Pointer lpLoadOrderGroup;
        public int dwTagId;
        public Pointer lpDependencies;
        public Pointer lpServiceStartName;
        public Pointer lpDisplayName;

        public QUERY_SERVICE_CONFIG() {
        }

        public QUERY_SERVICE_CONFIG(Pointer p) {
            super(p);
            read();
        }
    }

    /** {@code SERVICE_FAILURE_ACTIONSW} (40 bytes on x64). */
    @Structure.FieldOrder({"dwResetPeriod", "lpRebootMsg", "lpCommand", "cActions", "lpsaActions"})
    public static final class SERVICE_FAILURE_ACTIONS extends Structure {
        public int dwResetPeriod;
        public Pointer lpRebootMsg;
        public Pointer lpCommand;
        public int cActions;
        public Pointer lpsaActions;

        public SERVICE_FAILURE_ACTIONS() {
        }

        public SERVICE_FAILURE_ACTIONS(Pointer p) {
            super(p);
            read();
        }
    }

    /** {@code SC_ACTION} (8 bytes). */
    @Structure.FieldOrder({"type", "delay"})
    public static final class SC_ACTION extends Structure {
        public int type;
        public int delay;
    }

    /** {@code SERVICE_DESCRIPTIONW}. */
    @Structure.FieldOrder({"lpDescription"})
    public static final class SERVICE_DESCRIPTION extends Structure {
        public Pointer lpDescription;

        public SERVICE_DESCRIPTION() {
        }

        public SERVICE_DESCRIPTION(Pointer p) {
            super(p);
            read();
        }
    }

    /**
     * The one-DWORD info structures: {@code SERVICE_DELAYED_AUTO_START_INFO} (a BOOL),
     * {@code SERVICE_FAILURE_ACTIONS_FLAG} (a BOOL), {@code SERVICE_SID_INFO} and
     * {@code SERVICE_PRESHUTDOWN_INFO}.
     */
    @Structure.FieldOrder({"value"})
    public static final class DWORD_INFO extends Structure {
        public int value;

        public DWORD_INFO() {
        }

        public DWORD_INFO(int value) {
            this.value = value;
        }

        public DWORD_INFO(Pointer p) {
            super(p);
            read();
        }
    }

    /** {@code LSA_UNICODE_STRING}: lengths in bytes, without the terminator. */
    @Structure.FieldOrder({"Length", "MaximumLength", "Buffer"})
    public static final class LSA_UNICODE_STRING extends Structure {
        public short Length;
        public short MaximumLength;
        public Pointer Buffer;
    }

    /** {@code LSA_OBJECT_ATTRIBUTES}, all zero but its length. */
    @Structure.FieldOrder({"Length", "RootDirectory", "ObjectName", "Attributes", "SecurityDescriptor",
            "SecurityQualityOfService"})
    public static final class LSA_OBJECT_ATTRIBUTES extends Structure {
        public int Length;
        public Pointer RootDirectory;
        public Pointer ObjectName;
        public int Attributes;
        public Pointer SecurityDescriptor;
        public Pointer SecurityQualityOfService;
    }

    /**
     * {@code WTSSESSION_NOTIFICATION} (winuser.h): {@code DWORD cbSize; DWORD dwSessionId}, 8 bytes; a service's
     * {@code lpEventData} with {@code SERVICE_CONTROL_SESSIONCHANGE}.
     */
    @Structure.FieldOrder({"cbSize", "dwSessionId"})
    public static final class WTSSESSION_NOTIFICATION extends Structure {
        public int cbSize;
        public int dwSessionId;

        public WTSSESSION_NOTIFICATION() {
        }

        WTSSESSION_NOTIFICATION(Pointer p) {
            super(p);
            read();
        }
    }
}
