package org.jsrvany.installer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * An in-memory SCM with the real one's error codes. Services move through pending states one
 * {@link #status} call at a time, following a script per service ({@link Behaviour}); failures can be
 * injected per method; {@link #wine} makes the levels Wine lacks fail with 124.
 */
final class FakeServiceManager implements ServiceManager {
    /** How a service reacts to start/stop/pause/continue. */
    enum Behaviour {
        /** Reaches the target after {@link FakeServiceManager#pendingPolls} polls. */
        NORMAL,
        /** Starts, then stops with the exit codes set on the service. */
        FAILS_TO_START,
        /** Stays pending for ever. */
        HANGS,
        /**
         * Its program exits at once: the service goes through RUNNING between two polls and shows PAUSED (the
         * wrapper waits before the restart).
         */
        PASSES_RUNNING_TO_PAUSED
    }

    static final class Svc {
        ServiceDefinition def;
        RunState state = RunState.STOPPED;
        long pid;
        int win32Exit;
        int specificExit;
        int checkPoint;
        int pollsLeft;
        RunState target;
        boolean acceptsPause = true;
        boolean markedForDeletion;
        boolean heldOpen;
        Behaviour behaviour = Behaviour.NORMAL;
        int failWin32 = 1066;
        int failSpecific = 0x2000_0003;
        boolean delayedFlag;
        Optional<FailureActions> failure = Optional.of(FailureActions.none());
        Optional<Boolean> nonCrash = Optional.of(false);
        Optional<Duration> preshutdown = Optional.of(Duration.ofSeconds(10));
        Optional<SidType> sid = Optional.of(SidType.NONE);
        char[] password;
    }

    final Map<String, Svc> services = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();
    private final Map<String, Deque<Integer>> failures = new HashMap<>();
    final Map<String, LogonCheck> logons = new HashMap<>();
    final List<String> granted = new ArrayList<>();
    FakeParameterStore store;
    boolean wine;
    boolean elevated = true;
    int pendingPolls = 2;
    private long nextPid = 4000;

    /** The next call of {@code method} (any service) fails with {@code code}. */
    FakeServiceManager failNext(String method, int code) {
        failures.computeIfAbsent(method, k -> new ArrayDeque<>()).add(code);
        return this;
    }

    private void maybeFail(String method, String name) {
        Deque<Integer> q = failures.get(method);
        if (q != null && !q.isEmpty()) {
            throw new Win32CallException(method + "(" + name + ")", q.poll(), "injected");
        }
    }

    private void write(String method, String name) {
        calls.add(method + " " + name);
        if (!elevated) {
            throw new Win32CallException(method + "(" + name + ")", Failures.ERROR_ACCESS_DENIED, "Access is denied.");
        }
        maybeFail(method, name);
    }

    private Svc svc(String method, String name) {
        Svc s = services.get(key(name));
        if (s == null) {
            throw new Win32CallException(method + "(" + name + ")", Failures.ERROR_SERVICE_DOES_NOT_EXIST,
                    "The specified service does not exist as an installed service.");
        }
        return s;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Installs a service directly, as another tool would have. */
    Svc add(ServiceDefinition def) {
        Svc s = new Svc();
        s.def = def;
        s.delayedFlag = def.startType() == StartType.DELAYED_AUTO;
        services.put(key(def.name()), s);
        return s;
    }

    Svc get(String name) {
        return services.get(key(name));
    }

    @Override
    public Optional<ServiceDefinition> find(String name) {
        Svc s = services.get(key(name));
        if (s == null) {
            return Optional.empty();
        }
        ServiceDefinition d = s.def.withStartType(StartType.fromScm(s.def.startType().scmValue(), !wine && s.delayedFlag));
        if (wine) {
            return Optional.of(d.withFailureActions(Optional.empty()).withFailureActionsOnNonCrash(Optional.empty())
                    .withSidType(Optional.empty()).withPreshutdownTimeout(s.preshutdown));
        }
        return Optional.of(d.withFailureActions(s.failure).withFailureActionsOnNonCrash(s.nonCrash)
                .withPreshutdownTimeout(s.preshutdown).withSidType(s.sid));
    }

    @Override
    public List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        services.values().forEach(s -> names.add(s.def.name()));
        return names;
    }

    @Override
    public void create(ServiceDefinition d, Optional<char[]> password) {
        write("create", d.name());
        Svc existing = services.get(key(d.name()));
        if (existing != null) {
            throw new Win32CallException("CreateServiceW(" + d.name() + ")", existing.markedForDeletion
                    ? Failures.ERROR_SERVICE_MARKED_FOR_DELETE : Failures.ERROR_SERVICE_EXISTS, "");
        }
        for (Svc s : services.values()) {
            if (s.def.displayName().equalsIgnoreCase(d.displayName()) || s.def.name().equalsIgnoreCase(d.displayName())) {
                throw new Win32CallException("CreateServiceW(" + d.name() + ")", Failures.ERROR_DUPLICATE_SERVICE_NAME, "");
            }
        }
        Svc s = add(d.withDescription("").withFailureActions(Optional.empty()).withFailureActionsOnNonCrash(Optional.empty())
                .withPreshutdownTimeout(Optional.empty()).withSidType(Optional.empty())
                .withStartType(d.startType() == StartType.DELAYED_AUTO ? StartType.AUTO : d.startType()));
        s.delayedFlag = false;
        s.password = password.map(char[]::clone).orElse(null);
    }

    @Override
    public void changeConfig(ServiceDefinition d, Optional<char[]> password) {
        write("changeConfig", d.name());
        Svc s = svc("changeConfig", d.name());
        if (s.markedForDeletion) {
            throw new Win32CallException("ChangeServiceConfigW", Failures.ERROR_SERVICE_MARKED_FOR_DELETE, "");
        }
        StartType start = d.startType() == StartType.DELAYED_AUTO ? StartType.AUTO : d.startType();
        s.def = new ServiceDefinition(s.def.name(), d.displayName(), s.def.description(), d.imagePath(), start,
                d.dependencies(), d.account(), s.def.failureActions(), s.def.failureActionsOnNonCrash(),
                s.def.preshutdownTimeout(), s.def.sidType());
        password.ifPresent(p -> s.password = p.clone());
    }

    @Override
    public void setDescription(String name, String description) {
        write("setDescription", name);
        Svc s = svc("setDescription", name);
        s.def = s.def.withDescription(description);
    }

    @Override
    public void setDelayedAutoStart(String name, boolean delayed) {
        write("setDelayedAutoStart", name);
        wineRefuses("setDelayedAutoStart", name);
        svc("setDelayedAutoStart", name).delayedFlag = delayed;
    }

    @Override
    public void setFailureActions(String name, FailureActions actions) {
        write("setFailureActions", name);
        Svc s = svc("setFailureActions", name);
        if (!wine) {
            s.failure = Optional.of(actions); // Wine: success, but discarded
        }
    }

    @Override
    public void setFailureActionsOnNonCrash(String name, boolean enabled) {
        write("setFailureActionsOnNonCrash", name);
        wineRefuses("setFailureActionsOnNonCrash", name);
        svc("setFailureActionsOnNonCrash", name).nonCrash = Optional.of(enabled);
    }

    @Override
    public void setPreshutdownTimeout(String name, Duration timeout) {
        write("setPreshutdownTimeout", name);
        svc("setPreshutdownTimeout", name).preshutdown = Optional.of(timeout);
    }

    @Override
    public void setSidType(String name, SidType type) {
        write("setSidType", name);
        wineRefuses("setSidType", name);
        svc("setSidType", name).sid = Optional.of(type);
    }

    private void wineRefuses(String method, String name) {
        if (wine) {
            throw new Win32CallException("ChangeServiceConfig2W(" + name + ")", Failures.ERROR_INVALID_LEVEL,
                    "The system call level is not correct.");
        }
    }

    @Override
    public void delete(String name) {
        write("delete", name);
        Svc s = svc("delete", name);
        if (s.markedForDeletion) {
            throw new Win32CallException("DeleteService(" + name + ")", Failures.ERROR_SERVICE_MARKED_FOR_DELETE, "");
        }
        if (s.heldOpen || s.state != RunState.STOPPED) {
            s.markedForDeletion = true;
            return;
        }
        services.remove(key(name));
        if (store != null) {
            store.deleteAllSilently(name);
        }
    }

    @Override
    public ServiceStatus status(String name) {
        calls.add("status " + name);
        Svc s = svc("status", name);
        if (s.target != null && s.behaviour != Behaviour.HANGS) {
            if (s.pollsLeft > 0) {
                s.pollsLeft--;
                s.checkPoint++;
            } else {
                arrive(s);
            }
        }
        return new ServiceStatus(s.state, s.pid, s.win32Exit, s.specificExit, s.checkPoint, 2000,
                s.state == RunState.RUNNING && s.acceptsPause || s.state == RunState.PAUSED,
                s.state == RunState.RUNNING || s.state == RunState.PAUSED);
    }

    private void arrive(Svc s) {
        RunState t = s.target;
        s.target = null;
        s.checkPoint = 0;
        if (t == RunState.RUNNING && s.behaviour == Behaviour.FAILS_TO_START && s.state == RunState.START_PENDING) {
            s.state = RunState.STOPPED;
            s.pid = 0;
            s.win32Exit = s.failWin32;
            s.specificExit = s.failSpecific;
            return;
        }
        s.state = t == RunState.RUNNING && s.behaviour == Behaviour.PASSES_RUNNING_TO_PAUSED ? RunState.PAUSED : t;
        if (t == RunState.STOPPED) {
            s.pid = 0;
            if (s.markedForDeletion && !s.heldOpen) {
                services.remove(key(s.def.name()));
            }
        }
    }

    @Override
    public void start(String name) {
        write("start", name);
        Svc s = svc("start", name);
        if (s.def.startType() == StartType.DISABLED) {
            throw new Win32CallException("StartServiceW(" + name + ")", Failures.ERROR_SERVICE_DISABLED, "");
        }
        if (s.state != RunState.STOPPED) {
            throw new Win32CallException("StartServiceW(" + name + ")", Failures.ERROR_SERVICE_ALREADY_RUNNING, "");
        }
        s.state = RunState.START_PENDING;
        s.pid = nextPid++;
        s.win32Exit = 0;
        s.specificExit = 0;
        move(s, RunState.RUNNING);
    }

    @Override
    public void control(String name, Control control) {
        write("control " + control, name);
        Svc s = svc("control", name);
        switch (control) {
            case STOP -> {
                if (s.state == RunState.STOPPED) {
                    throw new Win32CallException("ControlService", Failures.ERROR_SERVICE_NOT_ACTIVE, "");
                }
                s.state = RunState.STOP_PENDING;
                move(s, RunState.STOPPED);
            }
            case PAUSE -> {
                if (!s.acceptsPause) {
                    throw new Win32CallException("ControlService", Failures.ERROR_INVALID_SERVICE_CONTROL, "");
                }
                if (s.state != RunState.RUNNING) {
                    throw new Win32CallException("ControlService", Failures.ERROR_SERVICE_CANNOT_ACCEPT_CTRL, "");
                }
                s.state = RunState.PAUSE_PENDING;
                move(s, RunState.PAUSED);
            }
            case CONTINUE -> {
                if (s.state != RunState.PAUSED) {
                    throw new Win32CallException("ControlService", Failures.ERROR_SERVICE_CANNOT_ACCEPT_CTRL, "");
                }
                s.state = RunState.CONTINUE_PENDING;
                move(s, RunState.RUNNING);
            }
            case ROTATE -> {
                if (s.state != RunState.RUNNING && s.state != RunState.PAUSED) {
                    throw new Win32CallException("ControlService", Failures.ERROR_SERVICE_NOT_ACTIVE, "");
                }
            }
            default -> throw new IllegalStateException();
        }
    }

    private void move(Svc s, RunState target) {
        s.target = target;
        s.pollsLeft = pendingPolls;
        s.checkPoint = 1;
    }

    @Override
    public LogonCheck checkLogon(String account, char[] password) {
        calls.add("checkLogon " + account);
        LogonCheck c = logons.get(account.toLowerCase(Locale.ROOT) + ":" + new String(password));
        return c != null ? c : logons.getOrDefault(account.toLowerCase(Locale.ROOT), LogonCheck.WRONG_PASSWORD);
    }

    @Override
    public void grantServiceLogonRight(String account) {
        write("grant", account);
        granted.add(account);
    }

    /** Calls that changed something (everything but reads). */
    List<String> writes() {
        return calls.stream().filter(c -> !c.startsWith("status ") && !c.startsWith("checkLogon ")).toList();
    }

    static String chars(char[] c) {
        return c == null ? null : new String(Arrays.copyOf(c, c.length));
    }
}
