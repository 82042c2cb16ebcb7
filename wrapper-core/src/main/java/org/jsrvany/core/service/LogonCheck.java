package org.jsrvany.core.service;

/** The outcome of {@link ServiceManager#checkLogon}. */
public enum LogonCheck {
    /** The account can log on as a service with that password. */
    OK,
    /** The account or the password is wrong ({@code ERROR_LOGON_FAILURE}). */
    WRONG_PASSWORD,
    /** The password is right but the account lacks "Log on as a service" ({@code ERROR_LOGON_TYPE_NOT_GRANTED}). */
    NO_SERVICE_LOGON_RIGHT,
    /** The account is disabled, locked out or expired, or its password has expired. */
    ACCOUNT_RESTRICTED,
    /** The system cannot tell (the check itself is not available). */
    UNKNOWN
}
