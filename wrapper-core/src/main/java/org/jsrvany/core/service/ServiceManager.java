package org.jsrvany.core.service;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service control manager as the installer's commands see it: the calls, no decisions. The
 * Windows implementation maps each method onto one or two Win32 calls; tests use an in-memory fake.
 *
 * <p>Every failure is a {@link org.jsrvany.core.win32.Win32CallException} carrying the Win32 error code
 * (the fake throws the same codes), so that one place ({@code Failures}) turns codes into sentences
 * and exit codes. Settings a system cannot report (Wine rejects some information levels with error
 * 124) come back empty from {@link #find}, never as an exception.
 */
public interface ServiceManager {

    /** The service's configuration, or empty if there is no service of that name. */
    Optional<ServiceDefinition> find(String name);

    /** The names of every Win32 service (own-process and shared-process), in the SCM's order. */
    List<String> serviceNames();

    /**
     * {@code CreateService}: name, display name, ImagePath, start type (delayed auto-start becomes
     * plain auto here; {@link #setDelayedAutoStart} adds the flag), dependencies and account. The
     * other settings of {@code definition} are not applied here.
     *
     * @param password the account's password, only for a user account; wiped by the caller afterwards
     */
    void create(ServiceDefinition definition, Optional<char[]> password);

    /**
     * {@code ChangeServiceConfig} with display name, ImagePath, start type (as in {@link #create}),
     * dependencies and account of {@code definition}.
     *
     * @param password a new password, or empty to keep the stored one
     */
    void changeConfig(ServiceDefinition definition, Optional<char[]> password);

    void setDescription(String name, String description);

    void setDelayedAutoStart(String name, boolean delayed);

    void setFailureActions(String name, FailureActions actions);

    /** {@code SERVICE_FAILURE_ACTIONS_FLAG}: whether the actions also fire when the service stops with an error. */
    void setFailureActionsOnNonCrash(String name, boolean enabled);

    void setPreshutdownTimeout(String name, Duration timeout);

    void setSidType(String name, SidType type);

    /**
     * {@code DeleteService}. Windows removes the service once it is stopped and every handle to it is
     * closed; until then it is "marked for deletion".
     */
    void delete(String name);

    ServiceStatus status(String name);

    void start(String name);

    /** {@code ControlService} with STOP, PAUSE or CONTINUE. */
    void control(String name, Control control);

    /**
     * Checks that {@code account} can log on as a service with {@code password} ({@code LogonUser}
     * with the service logon type) without changing anything.
     */
    LogonCheck checkLogon(String account, char[] password);

    /** Grants {@code account} the "Log on as a service" right ({@code SeServiceLogonRight}). */
    void grantServiceLogonRight(String account);
}
