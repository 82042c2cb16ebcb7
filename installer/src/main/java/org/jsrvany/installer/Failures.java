package org.jsrvany.installer;

import org.jsrvany.core.win32.Win32CallException;

/**
 * Turns the Win32 error codes people actually hit into a sentence that says what to do, and an exit
 * code. The codes are the same whether they come from the real SCM or from the test fakes, so this
 * mapping is tested on Linux.
 */
final class Failures {
    static final int ERROR_FILE_NOT_FOUND = 2;
    static final int ERROR_PATH_NOT_FOUND = 3;
    static final int ERROR_ACCESS_DENIED = 5;
    static final int ERROR_NOT_SUPPORTED = 50;
    static final int ERROR_INVALID_PARAMETER = 87;
    static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
    static final int ERROR_INVALID_NAME = 123;
    static final int ERROR_INVALID_LEVEL = 124;
    static final int ERROR_DEPENDENT_SERVICES_RUNNING = 1051;
    static final int ERROR_INVALID_SERVICE_CONTROL = 1052;
    static final int ERROR_SERVICE_REQUEST_TIMEOUT = 1053;
    static final int ERROR_SERVICE_DATABASE_LOCKED = 1055;
    static final int ERROR_SERVICE_ALREADY_RUNNING = 1056;
    static final int ERROR_INVALID_SERVICE_ACCOUNT = 1057;
    static final int ERROR_SERVICE_DISABLED = 1058;
    static final int ERROR_CIRCULAR_DEPENDENCY = 1059;
    static final int ERROR_SERVICE_DOES_NOT_EXIST = 1060;
    static final int ERROR_SERVICE_CANNOT_ACCEPT_CTRL = 1061;
    static final int ERROR_SERVICE_NOT_ACTIVE = 1062;
    static final int ERROR_SERVICE_DEPENDENCY_FAIL = 1068;
    static final int ERROR_SERVICE_LOGON_FAILED = 1069;
    static final int ERROR_SERVICE_MARKED_FOR_DELETE = 1072;
    static final int ERROR_SERVICE_EXISTS = 1073;
    static final int ERROR_SERVICE_DEPENDENCY_DELETED = 1075;
    static final int ERROR_DUPLICATE_SERVICE_NAME = 1078;
    static final int ERROR_LOGON_FAILURE = 1326;
    static final int ERROR_ACCOUNT_RESTRICTION = 1327;
    static final int ERROR_PASSWORD_EXPIRED = 1330;
    static final int ERROR_ACCOUNT_DISABLED = 1331;
    static final int ERROR_NONE_MAPPED = 1332;
    static final int ERROR_LOGON_TYPE_NOT_GRANTED = 1385;
    static final int ERROR_ACCOUNT_LOCKED_OUT = 1909;

    private Failures() {
    }

    /**
     * The failure for a Win32 error while working on {@code service} (null when there is none).
     */
    static InstallerException translate(Win32CallException e, String service) {
        String svc = service == null ? "the service" : "'" + service + "'";
        String detail = " (" + e.getMessage() + ")";
        int code = e.errorCode();
        return switch (code) {
            case ERROR_ACCESS_DENIED -> new InstallerException(Exit.ACCESS_DENIED,
                    "Access is denied: changing services needs an administrator. Run jsrvany from an elevated prompt"
                            + " (right-click the console, 'Run as administrator')." + detail, e);
            case ERROR_SERVICE_DOES_NOT_EXIST -> new InstallerException(Exit.NO_SUCH_SERVICE,
                    "There is no service named " + svc + ": check the name with 'jsrvany list --all' (the service"
                            + " name, not the display name)." + detail, e);
            case ERROR_SERVICE_EXISTS -> new InstallerException(Exit.SERVICE_EXISTS,
                    "A service named " + svc + " already exists: choose another name, or change it with"
                            + " 'jsrvany install' on a jsrvany service ('jsrvany adopt' for srvany/NSSM ones)." + detail, e);
            case ERROR_DUPLICATE_SERVICE_NAME -> new InstallerException(Exit.SERVICE_EXISTS,
                    "Another service already uses that display name (or its name is this service's display name):"
                            + " choose another --display-name." + detail, e);
            case ERROR_SERVICE_MARKED_FOR_DELETE -> markedForDeletion(service, e);
            case ERROR_INVALID_SERVICE_ACCOUNT, ERROR_NONE_MAPPED -> new InstallerException(Exit.ACCOUNT,
                    "The account given for " + svc + " does not exist: write a local user as .\\name or"
                            + " COMPUTER\\name, a domain user as DOMAIN\\name, or use LocalSystem, LocalService,"
                            + " NetworkService or 'virtual'." + detail, e);
            case ERROR_LOGON_FAILURE, ERROR_SERVICE_LOGON_FAILED -> new InstallerException(Exit.ACCOUNT,
                    "The service account could not log on: the password is wrong, or the account lacks the 'Log on"
                            + " as a service' right. Re-run 'jsrvany install " + (service == null ? "NAME" : service)
                            + " ... --account ACCOUNT --change-password' with the right password, and"
                            + " --grant-logon-right if the right is missing." + detail, e);
            case ERROR_LOGON_TYPE_NOT_GRANTED -> new InstallerException(Exit.ACCOUNT,
                    "The account lacks the 'Log on as a service' right: add --grant-logon-right, or grant it in"
                            + " secpol.msc (Local Policies > User Rights Assignment > Log on as a service)." + detail, e);
            case ERROR_ACCOUNT_RESTRICTION, ERROR_PASSWORD_EXPIRED, ERROR_ACCOUNT_DISABLED, ERROR_ACCOUNT_LOCKED_OUT ->
                    new InstallerException(Exit.ACCOUNT, "The account cannot log on now (disabled, locked out, or its"
                            + " password expired): fix the account in Computer Management or Active Directory first."
                            + detail, e);
            case ERROR_SERVICE_DEPENDENCY_DELETED -> new InstallerException(Exit.DEPENDENCY,
                    "A service " + svc + " depends on does not exist or is marked for deletion: check the names given"
                            + " to --depends-on with 'jsrvany list --all'." + detail, e);
            case ERROR_SERVICE_DEPENDENCY_FAIL -> new InstallerException(Exit.DEPENDENCY,
                    "A service " + svc + " depends on could not be started: start the dependencies first, or look in"
                            + " the System event log for why they fail." + detail, e);
            case ERROR_CIRCULAR_DEPENDENCY -> new InstallerException(Exit.DEPENDENCY,
                    "The dependencies of " + svc + " form a circle: remove one of them." + detail, e);
            case ERROR_INVALID_NAME -> new InstallerException(Exit.INVALID,
                    "The service name " + svc + " is not valid: use at most 256 characters and no '/' or '\\'." + detail, e);
            case ERROR_SERVICE_DISABLED -> new InstallerException(Exit.WRONG_STATE,
                    "The service " + svc + " is disabled: enable it with 'jsrvany set "
                            + (service == null ? "NAME" : service) + " Start manual' (or auto), then start it." + detail, e);
            case ERROR_SERVICE_CANNOT_ACCEPT_CTRL -> new InstallerException(Exit.WRONG_STATE,
                    "The service " + svc + " cannot take that request now (it is starting, stopping or pausing):"
                            + " wait for it to settle ('jsrvany status') and try again." + detail, e);
            case ERROR_INVALID_SERVICE_CONTROL -> new InstallerException(Exit.WRONG_STATE,
                    "The service " + svc + " does not accept that request (a service that cannot pause, say)." + detail, e);
            case ERROR_SERVICE_NOT_ACTIVE -> new InstallerException(Exit.WRONG_STATE,
                    "The service " + svc + " is not running: start it first." + detail, e);
            case ERROR_DEPENDENT_SERVICES_RUNNING -> new InstallerException(Exit.WRONG_STATE,
                    "Other running services depend on " + svc + ": stop them first." + detail, e);
            case ERROR_SERVICE_REQUEST_TIMEOUT -> new InstallerException(Exit.SERVICE_FAILED,
                    "The service " + svc + " did not answer the service manager in time: run 'jsrvany test "
                            + (service == null ? "NAME" : service) + "' to see it run in the foreground, and check"
                            + " the System event log." + detail, e);
            case ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND -> new InstallerException(Exit.SERVICE_FAILED,
                    "The program in the service's ImagePath (java.exe or the launcher jar) is not there any more:"
                            + " re-run 'jsrvany install' with --java and --launcher pointing at existing files." + detail, e);
            case ERROR_SERVICE_DATABASE_LOCKED -> new InstallerException(Exit.FAILED,
                    "The service database is locked (Windows is still starting, or another tool is changing"
                            + " services): try again in a moment." + detail, e);
            case ERROR_INVALID_LEVEL, ERROR_NOT_SUPPORTED, ERROR_CALL_NOT_IMPLEMENTED -> new InstallerException(Exit.UNSUPPORTED,
                    "This system's service manager does not support that setting (Wine does not implement failure"
                            + " actions, delayed auto-start or the service SID type): leave the option out." + detail, e);
            default -> new InstallerException(Exit.FAILED, "A Windows call failed: " + e.getMessage(), e);
        };
    }

    static InstallerException markedForDeletion(String service, Throwable cause) {
        String svc = service == null ? "The service" : "The service '" + service + "'";
        return new InstallerException(Exit.MARKED_FOR_DELETION, svc + " is marked for deletion: Windows removes it"
                + " once it has stopped and no program holds it open. Close services.msc, Event Viewer, Task Manager"
                + " and any other tool looking at services (or end the service's process), then try again; a reboot"
                + " always completes the deletion.", cause);
    }
}
