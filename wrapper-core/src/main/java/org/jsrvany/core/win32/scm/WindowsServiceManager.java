package org.jsrvany.core.win32.scm;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.service.Control;
import org.jsrvany.core.service.FailureActions;
import org.jsrvany.core.service.LogonCheck;
import org.jsrvany.core.service.RunState;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.service.ServiceStatus;
import org.jsrvany.core.service.SidType;
import org.jsrvany.core.service.StartType;

/**
 * The SCM through advapi32: every method opens what it needs with the least access (reading works
 * without elevation), makes its call or two, and closes. No decisions here.
 */
public final class WindowsServiceManager implements ServiceManager {
    private static final int ERROR_INSUFFICIENT_BUFFER = 122;
    private static final int ERROR_INVALID_LEVEL = 124;
    private static final int ERROR_NOT_SUPPORTED = 50;
    private static final int ERROR_INVALID_FUNCTION = 1;
    private static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
    private static final int ERROR_SERVICE_DOES_NOT_EXIST = 1060;
    private static final int SERVICE_WIN32 = 0x30;
    private static final int LEVEL_DESCRIPTION = 1;
    private static final int LEVEL_FAILURE_ACTIONS = 2;
    private static final int LEVEL_DELAYED_AUTO_START = 3;
    private static final int LEVEL_FAILURE_ACTIONS_FLAG = 4;
    private static final int LEVEL_SID_INFO = 5;
    private static final int LEVEL_PRESHUTDOWN = 7;
    private static final int SC_ACTION_REBOOT = 2;

    private WindowsServiceManager() {
    }

    /** The local service control manager. */
    public static ServiceManager local() {
        return new WindowsServiceManager();
    }

    @Override
    public Optional<ServiceDefinition> find(String name) {
        try (ScHandle scm = manager(Winsvc.SC_MANAGER_CONNECT)) {
            Winsvc.SC_HANDLE h = Advapi32.INSTANCE.OpenService(scm.get(), name, Winsvc.SERVICE_QUERY_CONFIG);
            if (h == null) {
                int code = Native.getLastError();
                if (code == ERROR_SERVICE_DOES_NOT_EXIST) {
                    return Optional.empty();
                }
                throw Win32CallException.of("OpenService(" + name + ")", code);
            }
            try (ScHandle service = new ScHandle(h)) {
                return Optional.of(definition(name, service));
            }
        }
    }

    private ServiceDefinition definition(String name, ScHandle service) {
        WinsvcEx.QUERY_SERVICE_CONFIG config;
        try (Memory buffer = query(service, "QueryServiceConfigW(" + name + ")",
                (buf, size, needed) -> Advapi32Ex.INSTANCE.QueryServiceConfigW(service.get(), buf, size, needed))) {
            config = new WinsvcEx.QUERY_SERVICE_CONFIG(buffer);
            String imagePath = WideMemory.readString(config.lpBinaryPathName);
            List<String> dependencies = WideMemory.readMulti(config.lpDependencies);
            String account = WideMemory.readString(config.lpServiceStartName);
            String displayName = WideMemory.readString(config.lpDisplayName);
            int startType = config.dwStartType;
            String description = config2(service, name, LEVEL_DESCRIPTION)
                    .map(m -> WideMemory.readString(new WinsvcEx.SERVICE_DESCRIPTION(m).lpDescription)).orElse("");
            boolean delayed = config2(service, name, LEVEL_DELAYED_AUTO_START)
                    .map(m -> new WinsvcEx.DWORD_INFO(m).value != 0).orElse(false);
            Optional<FailureActions> failure = config2(service, name, LEVEL_FAILURE_ACTIONS).map(WindowsServiceManager::failureActions);
            Optional<Boolean> nonCrash = config2(service, name, LEVEL_FAILURE_ACTIONS_FLAG)
                    .map(m -> new WinsvcEx.DWORD_INFO(m).value != 0);
            Optional<Duration> preshutdown = config2(service, name, LEVEL_PRESHUTDOWN)
                    .map(m -> Duration.ofMillis(Integer.toUnsignedLong(new WinsvcEx.DWORD_INFO(m).value)));
            Optional<SidType> sid = config2(service, name, LEVEL_SID_INFO)
                    .flatMap(m -> SidType.fromScm(new WinsvcEx.DWORD_INFO(m).value));
            return new ServiceDefinition(name, displayName, description, imagePath, StartType.fromScm(startType, delayed),
                    dependencies, account.isEmpty() ? "LocalSystem" : account, failure, nonCrash, preshutdown, sid);
        }
    }

    private static FailureActions failureActions(Pointer p) {
        WinsvcEx.SERVICE_FAILURE_ACTIONS s = new WinsvcEx.SERVICE_FAILURE_ACTIONS(p);
        List<FailureActions.Action> actions = new ArrayList<>();
        for (int i = 0; i < s.cActions && s.lpsaActions != null; i++) {
            int type = s.lpsaActions.getInt(i * 8L);
            int delay = s.lpsaActions.getInt(i * 8L + 4);
            actions.add(new FailureActions.Action(FailureActions.Kind.fromScm(type), Duration.ofMillis(Integer.toUnsignedLong(delay))));
        }
        return new FailureActions(Duration.ofSeconds(Integer.toUnsignedLong(s.dwResetPeriod)), actions,
                WideMemory.readString(s.lpCommand), WideMemory.readString(s.lpRebootMsg));
    }

    /** A QueryServiceConfig2 level into memory; empty when the system does not support the level (Wine: 124). */
    private Optional<Memory> config2(ScHandle service, String name, int level) {
        try {
            return Optional.of(query(service, "QueryServiceConfig2W(" + name + ", level " + level + ")",
                    (buf, size, needed) -> Advapi32Ex.INSTANCE.QueryServiceConfig2W(service.get(), level, buf, size, needed)));
        } catch (Win32CallException e) {
            int c = e.errorCode();
            if (c == ERROR_INVALID_LEVEL || c == ERROR_NOT_SUPPORTED || c == ERROR_INVALID_FUNCTION
                    || c == ERROR_CALL_NOT_IMPLEMENTED) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface SizedQuery {
        boolean call(Pointer buffer, int size, IntByReference needed);
    }

    /** The two-call pattern: ask for the size, then fill a buffer of that size. */
    private static Memory query(ScHandle service, String call, SizedQuery q) {
        IntByReference needed = new IntByReference();
        int size = 256;
        for (int attempt = 0; attempt < 4; attempt++) {
            Memory buffer = new Memory(size);
            buffer.clear();
            if (q.call(buffer, size, needed)) {
                return buffer;
            }
            int code = Native.getLastError();
            buffer.close();
            if (code != ERROR_INSUFFICIENT_BUFFER) {
                throw Win32CallException.of(call, code);
            }
            size = Math.max(size * 2, needed.getValue());
        }
        throw Win32CallException.of(call, ERROR_INSUFFICIENT_BUFFER);
    }

    @Override
    public List<String> serviceNames() {
        try (ScHandle scm = manager(Winsvc.SC_MANAGER_CONNECT | Winsvc.SC_MANAGER_ENUMERATE_SERVICE)) {
            IntByReference needed = new IntByReference();
            IntByReference returned = new IntByReference();
            IntByReference resume = new IntByReference(0);
            List<String> names = new ArrayList<>();
            int size = 64 * 1024;
            while (true) {
                Memory buffer = new Memory(size);
                boolean ok = Advapi32.INSTANCE.EnumServicesStatusEx(scm.get(), Winsvc.SC_ENUM_PROCESS_INFO, SERVICE_WIN32,
                        Winsvc.SERVICE_STATE_ALL, buffer, size, needed, returned, resume, null);
                int code = ok ? 0 : Native.getLastError();
                if (!ok && code != 234 /* ERROR_MORE_DATA */) {
                    throw Win32CallException.of("EnumServicesStatusExW", code);
                }
                if (returned.getValue() > 0) {
                    Winsvc.ENUM_SERVICE_STATUS_PROCESS first = enumEntry(buffer);
                    for (Winsvc.ENUM_SERVICE_STATUS_PROCESS e : (Winsvc.ENUM_SERVICE_STATUS_PROCESS[]) first.toArray(returned.getValue())) {
                        names.add(e.lpServiceName);
                    }
                }
                buffer.close();
                if (ok) {
                    return names;
                }
                size = Math.max(size, needed.getValue());
            }
        }
    }

    /**
     * The first entry, read: {@code toArray} reads only the entries it creates after this one, and
     * without a read the first service's name is null (then every command that lists services failed
     * with OpenService(null), error 487).
     */
    private static Winsvc.ENUM_SERVICE_STATUS_PROCESS enumEntry(Pointer p) {
        // jna-platform's structure has no Pointer constructor: newInstance only attaches the memory, and
        // toArray() reads every element but this first one, whose name would stay null.
        Winsvc.ENUM_SERVICE_STATUS_PROCESS first = com.sun.jna.Structure.newInstance(Winsvc.ENUM_SERVICE_STATUS_PROCESS.class, p);
        first.read();
        return first;
    }

    @Override
    public void create(ServiceDefinition d, Optional<char[]> password) {
        try (ScHandle scm = manager(Winsvc.SC_MANAGER_CONNECT | Winsvc.SC_MANAGER_CREATE_SERVICE);
             WideMemory deps = d.dependencies().isEmpty() ? null : WideMemory.multi(d.dependencies());
             WideMemory pw = password.map(WideMemory::of).orElse(null)) {
            String account = d.account().equalsIgnoreCase("LocalSystem") ? null : d.account();
            Winsvc.SC_HANDLE h = Advapi32Ex.INSTANCE.CreateServiceW(scm.get(), d.name(), d.displayName(),
                    Winsvc.SERVICE_QUERY_STATUS, Advapi32Ex.SERVICE_WIN32_OWN_PROCESS, d.startType().scmValue(),
                    Advapi32Ex.SERVICE_ERROR_NORMAL, d.imagePath(), null, null, deps == null ? null : deps.pointer(),
                    account, pw == null ? null : pw.pointer());
            if (h == null) {
                throw Win32CallException.lastError("CreateServiceW(" + d.name() + ")");
            }
            new ScHandle(h).close();
        }
    }

    @Override
    public void changeConfig(ServiceDefinition d, Optional<char[]> password) {
        try (ScHandle service = service(d.name(), Winsvc.SERVICE_CHANGE_CONFIG | Winsvc.SERVICE_QUERY_CONFIG);
             WideMemory deps = WideMemory.multi(d.dependencies());
             WideMemory pw = password.map(WideMemory::of).orElseGet(() -> needsNoPassword(d.account())
                     ? WideMemory.of(new char[0]) : null)) {
            if (!Advapi32Ex.INSTANCE.ChangeServiceConfigW(service.get(), Advapi32Ex.SERVICE_NO_CHANGE,
                    d.startType().scmValue(), Advapi32Ex.SERVICE_NO_CHANGE, d.imagePath(), null, null, deps.pointer(),
                    d.account(), pw == null ? null : pw.pointer(), d.displayName())) {
                throw Win32CallException.lastError("ChangeServiceConfigW(" + d.name() + ")");
            }
        }
    }

    /** Built-in and virtual accounts take an empty password (a stale user password would otherwise stay stored). */
    private static boolean needsNoPassword(String account) {
        String a = account.toLowerCase(Locale.ROOT);
        return a.equals("localsystem") || a.startsWith("nt authority\\") || a.startsWith("nt service\\");
    }

    @Override
    public void setDescription(String name, String description) {
        try (ScHandle service = service(name, Winsvc.SERVICE_CHANGE_CONFIG);
             WideMemory text = WideMemory.of(description.toCharArray())) {
            WinsvcEx.SERVICE_DESCRIPTION info = new WinsvcEx.SERVICE_DESCRIPTION();
            info.lpDescription = text.pointer();
            change2(service, name, LEVEL_DESCRIPTION, info);
        }
    }

    @Override
    public void setDelayedAutoStart(String name, boolean delayed) {
        try (ScHandle service = service(name, Winsvc.SERVICE_CHANGE_CONFIG)) {
            change2(service, name, LEVEL_DELAYED_AUTO_START, new WinsvcEx.DWORD_INFO(delayed ? 1 : 0));
        }
    }

    @Override
    public void setFailureActions(String name, FailureActions f) {
        if (f.actions().stream().anyMatch(a -> a.kind().scmValue() == SC_ACTION_REBOOT)) {
            enableShutdownPrivilege();
        }
        try (ScHandle service = service(name, Winsvc.SERVICE_CHANGE_CONFIG | Winsvc.SERVICE_START);
             FailureActionsInfo info = FailureActionsInfo.of(f)) {
            change2(service, name, LEVEL_FAILURE_ACTIONS, info.structure());
        }
    }

    @Override
    public void setFailureActionsOnNonCrash(String name, boolean enabled) {
        try (ScHandle service = service(name, Winsvc.SERVICE_CHANGE_CONFIG)) {
            change2(service, name, LEVEL_FAILURE_ACTIONS_FLAG, new WinsvcEx.DWORD_INFO(enabled ? 1 : 0));
        }
    }

    @Override
    public void setPreshutdownTimeout(String name, Duration timeout) {
        try (ScHandle service = service(name, Winsvc.SERVICE_CHANGE_CONFIG)) {
            change2(service, name, LEVEL_PRESHUTDOWN, new WinsvcEx.DWORD_INFO((int) Math.min(0xFFFF_FFFFL, timeout.toMillis())));
        }
    }

    @Override
    public void setSidType(String name, SidType type) {
        try (ScHandle service = service(name, Winsvc.SERVICE_CHANGE_CONFIG)) {
            change2(service, name, LEVEL_SID_INFO, new WinsvcEx.DWORD_INFO(type.scmValue()));
        }
    }

    private static void change2(ScHandle service, String name, int level, com.sun.jna.Structure info) {
        if (!Advapi32Ex.INSTANCE.ChangeServiceConfig2W(service.get(), level, info)) {
            throw Win32CallException.lastError("ChangeServiceConfig2W(" + name + ", level " + level + ")");
        }
    }

    @Override
    public void delete(String name) {
        try (ScHandle service = service(name, Advapi32Ex.DELETE)) {
            if (!Advapi32.INSTANCE.DeleteService(service.get())) {
                throw Win32CallException.lastError("DeleteService(" + name + ")");
            }
        }
    }

    @Override
    public ServiceStatus status(String name) {
        try (ScHandle service = service(name, Winsvc.SERVICE_QUERY_STATUS)) {
            Winsvc.SERVICE_STATUS_PROCESS s = new Winsvc.SERVICE_STATUS_PROCESS();
            IntByReference needed = new IntByReference();
            if (!Advapi32.INSTANCE.QueryServiceStatusEx(service.get(), Winsvc.SC_STATUS_TYPE.SC_STATUS_PROCESS_INFO, s,
                    s.size(), needed)) {
                throw Win32CallException.lastError("QueryServiceStatusEx(" + name + ")");
            }
            return new ServiceStatus(RunState.fromScm(s.dwCurrentState), Integer.toUnsignedLong(s.dwProcessId),
                    s.dwWin32ExitCode, s.dwServiceSpecificExitCode, s.dwCheckPoint, s.dwWaitHint,
                    (s.dwControlsAccepted & Winsvc.SERVICE_ACCEPT_PAUSE_CONTINUE) != 0,
                    (s.dwControlsAccepted & Winsvc.SERVICE_ACCEPT_STOP) != 0);
        }
    }

    @Override
    public void start(String name) {
        try (ScHandle service = service(name, Winsvc.SERVICE_START)) {
            if (!Advapi32.INSTANCE.StartService(service.get(), 0, null)) {
                throw Win32CallException.lastError("StartServiceW(" + name + ")");
            }
        }
    }

    /** The access right a user-defined control (128 to 255) needs (winsvc.h). */
    static final int SERVICE_USER_DEFINED_CONTROL = 0x0100;

    @Override
    public void control(String name, Control control) {
        int access = switch (control) {
            case STOP -> Winsvc.SERVICE_STOP;
            case PAUSE, CONTINUE -> Winsvc.SERVICE_PAUSE_CONTINUE;
            case ROTATE -> SERVICE_USER_DEFINED_CONTROL;
        };
        try (ScHandle service = service(name, access)) {
            if (!Advapi32.INSTANCE.ControlService(service.get(), control.scmValue(), new Winsvc.SERVICE_STATUS())) {
                throw Win32CallException.lastError("ControlService(" + name + ", " + control + ")");
            }
        }
    }

    @Override
    public LogonCheck checkLogon(String account, char[] password) {
        String user = account;
        String domain = null;
        int slash = account.indexOf('\\');
        if (slash >= 0) {
            domain = account.substring(0, slash);
            user = account.substring(slash + 1);
        }
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        try (WideMemory pw = WideMemory.of(password)) {
            if (Advapi32Ex.INSTANCE.LogonUserW(user, domain, pw.pointer(), Advapi32Ex.LOGON32_LOGON_SERVICE,
                    Advapi32Ex.LOGON32_PROVIDER_DEFAULT, token)) {
                Kernel32.INSTANCE.CloseHandle(token.getValue());
                return LogonCheck.OK;
            }
            return switch (Native.getLastError()) {
                case 1326 -> LogonCheck.WRONG_PASSWORD;
                case 1385 -> LogonCheck.NO_SERVICE_LOGON_RIGHT;
                case 1327, 1330, 1331, 1909, 1793 -> LogonCheck.ACCOUNT_RESTRICTED;
                default -> LogonCheck.UNKNOWN;
            };
        }
    }

    @Override
    public void grantServiceLogonRight(String account) {
        byte[] sid;
        try {
            sid = Advapi32Util.getAccountByName(account.startsWith(".\\") ? account.substring(2) : account).sid;
        } catch (com.sun.jna.platform.win32.Win32Exception e) {
            throw Win32CallException.of("LookupAccountNameW(" + account + ")", e.getErrorCode());
        }
        WinsvcEx.LSA_OBJECT_ATTRIBUTES attributes = new WinsvcEx.LSA_OBJECT_ATTRIBUTES();
        attributes.Length = attributes.size();
        PointerByReference policy = new PointerByReference();
        lsa("LsaOpenPolicy", Advapi32Ex.INSTANCE.LsaOpenPolicy(null, attributes,
                Advapi32Ex.POLICY_CREATE_ACCOUNT | Advapi32Ex.POLICY_LOOKUP_NAMES, policy));
        String right = "SeServiceLogonRight";
        try (Memory sidMemory = new Memory(sid.length); WideMemory text = WideMemory.of(right.toCharArray())) {
            sidMemory.write(0, sid, 0, sid.length);
            WinsvcEx.LSA_UNICODE_STRING name = new WinsvcEx.LSA_UNICODE_STRING();
            name.Length = (short) (right.length() * 2);
            name.MaximumLength = (short) ((right.length() + 1) * 2);
            name.Buffer = text.pointer();
            WinsvcEx.LSA_UNICODE_STRING[] rights = (WinsvcEx.LSA_UNICODE_STRING[]) name.toArray(1);
            rights[0].Length = name.Length;
            rights[0].MaximumLength = name.MaximumLength;
            rights[0].Buffer = text.pointer();
            lsa("LsaAddAccountRights(" + account + ", " + right + ")",
                    Advapi32Ex.INSTANCE.LsaAddAccountRights(policy.getValue(), sidMemory, rights, 1));
        } finally {
            Advapi32Ex.INSTANCE.LsaClose(policy.getValue());
        }
    }

    private static void lsa(String call, int ntStatus) {
        if (ntStatus != 0) {
            throw Win32CallException.of(call, Advapi32Ex.INSTANCE.LsaNtStatusToWinError(ntStatus));
        }
    }

    /** A reboot recovery action needs SeShutdownPrivilege enabled in our token. */
    private static void enableShutdownPrivilege() {
        WinNT.HANDLEByReference token = new WinNT.HANDLEByReference();
        if (!Advapi32.INSTANCE.OpenProcessToken(Kernel32.INSTANCE.GetCurrentProcess(),
                WinNT.TOKEN_ADJUST_PRIVILEGES | WinNT.TOKEN_QUERY, token)) {
            throw Win32CallException.lastError("OpenProcessToken");
        }
        try {
            WinNT.LUID luid = new WinNT.LUID();
            if (!Advapi32.INSTANCE.LookupPrivilegeValue(null, WinNT.SE_SHUTDOWN_NAME, luid)) {
                throw Win32CallException.lastError("LookupPrivilegeValueW(SeShutdownPrivilege)");
            }
            WinNT.TOKEN_PRIVILEGES tp = new WinNT.TOKEN_PRIVILEGES(1);
            tp.Privileges[0] = new WinNT.LUID_AND_ATTRIBUTES(luid, new com.sun.jna.platform.win32.WinDef.DWORD(WinNT.SE_PRIVILEGE_ENABLED));
            if (!Advapi32.INSTANCE.AdjustTokenPrivileges(token.getValue(), false, tp, 0, null, null)) {
                throw Win32CallException.lastError("AdjustTokenPrivileges(SeShutdownPrivilege)");
            }
        } finally {
            Kernel32.INSTANCE.CloseHandle(token.getValue());
        }
    }

    private static ScHandle manager(int access) {
        Winsvc.SC_HANDLE h = Advapi32.INSTANCE.OpenSCManager(null, null, access);
        if (h == null) {
            throw Win32CallException.lastError("OpenSCManagerW");
        }
        return new ScHandle(h);
    }

    private static ScHandle service(String name, int access) {
        try (ScHandle scm = manager(Winsvc.SC_MANAGER_CONNECT)) {
            Winsvc.SC_HANDLE h = Advapi32.INSTANCE.OpenService(scm.get(), name, access);
            if (h == null) {
                throw Win32CallException.lastError("OpenServiceW(" + name + ")");
            }
            return new ScHandle(h);
        }
    }
}
