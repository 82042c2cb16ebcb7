package org.jsrvany.launcher.service;

/**
 * One SERVICE_STATUS as handed to SetServiceStatus, in plain numbers (winsvc.h values), so the logic
 * that builds it is tested on any OS and only the final call is Windows code; with the control codes
 * HandlerEx receives and its answers.
 */
record ScmStatus(int currentState, int controlsAccepted, int win32ExitCode, int serviceSpecificExitCode,
                 int checkPoint, int waitHint) {

    static final int SERVICE_WIN32_OWN_PROCESS = 0x10;

    static final int SERVICE_STOPPED = 1;
    static final int SERVICE_START_PENDING = 2;
    static final int SERVICE_STOP_PENDING = 3;
    static final int SERVICE_RUNNING = 4;
    static final int SERVICE_CONTINUE_PENDING = 5;
    static final int SERVICE_PAUSE_PENDING = 6;
    static final int SERVICE_PAUSED = 7;

    static final int SERVICE_ACCEPT_STOP = 0x1;
    static final int SERVICE_ACCEPT_PAUSE_CONTINUE = 0x2;
    static final int SERVICE_ACCEPT_SHUTDOWN = 0x4;
    static final int SERVICE_ACCEPT_PRESHUTDOWN = 0x100;
    static final int SERVICE_ACCEPT_POWEREVENT = 0x40;
    /** {@code SERVICE_ACCEPT_SESSIONCHANGE}: {@code SERVICE_CONTROL_SESSIONCHANGE} (AppSession Console or Active). */
    static final int SERVICE_ACCEPT_SESSIONCHANGE = 0x80;

    static final int SERVICE_CONTROL_STOP = 0x1;
    static final int SERVICE_CONTROL_PAUSE = 0x2;
    static final int SERVICE_CONTROL_CONTINUE = 0x3;
    static final int SERVICE_CONTROL_INTERROGATE = 0x4;
    static final int SERVICE_CONTROL_SHUTDOWN = 0x5;
    static final int SERVICE_CONTROL_PRESHUTDOWN = 0xF;
    /** NSSM's user-defined control (128 to 255 are the service's own): rotate the output files now. */
    static final int NSSM_CONTROL_ROTATE = 128;
    static final int SERVICE_CONTROL_POWEREVENT = 0xD;

    /** HandlerEx's answers. */
    static final int NO_ERROR = 0;
    static final int ERROR_CALL_NOT_IMPLEMENTED = 120;
}
