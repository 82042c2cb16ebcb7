package org.jsrvany.core.win32.scm;

import com.sun.jna.Memory;
import org.jsrvany.core.service.FailureActions;

/**
 * The arguments of {@code ChangeServiceConfig2W(SERVICE_CONFIG_FAILURE_ACTIONS)} for one
 * {@link FailureActions}: the {@code SERVICE_FAILURE_ACTIONSW} structure and the memory it points
 * to, which must live until the call returns (close it after). Built in plain Java so that Linux
 * tests check what Windows gets.
 *
 * <p>Microsoft documents two traps this class exists for:
 * <ul>
 *   <li>{@code lpsaActions = NULL} makes Windows ignore {@code cActions} and {@code dwResetPeriod}
 *       altogether: "no actions" must be sent as an array (here one unused {@code SC_ACTION}) with
 *       {@code cActions = 0}, which deletes the reset period and the actions.</li>
 *   <li>{@code lpCommand} and {@code lpRebootMsg} NULL leave the stored strings unchanged; an empty
 *       string deletes them. Both are always sent, so the result is exactly {@code actions}.</li>
 * </ul>
 */
final class FailureActionsInfo implements AutoCloseable {
    /** {@code sizeof(SC_ACTION)}: {@code Type} and {@code Delay}, two DWORDs. */
    static final int SC_ACTION_SIZE = 8;

    private final WideMemory command;
    private final WideMemory reboot;
    private final Memory actions;
    private final WinsvcEx.SERVICE_FAILURE_ACTIONS structure;

    private FailureActionsInfo(WideMemory command, WideMemory reboot, Memory actions,
                               WinsvcEx.SERVICE_FAILURE_ACTIONS structure) {
        this.command = command;
        this.reboot = reboot;
        this.actions = actions;
        this.structure = structure;
    }

    static FailureActionsInfo of(FailureActions f) {
        int count = f.actions().size();
        // Never NULL, even for no actions: with NULL Windows ignores cActions (and nothing is cleared).
        Memory array = new Memory((long) Math.max(1, count) * SC_ACTION_SIZE);
        array.clear();
        for (int i = 0; i < count; i++) {
            FailureActions.Action a = f.actions().get(i);
            array.setInt((long) i * SC_ACTION_SIZE, a.kind().scmValue());
            array.setInt((long) i * SC_ACTION_SIZE + 4, dword(a.delay().toMillis()));
        }
        WideMemory command = WideMemory.of(f.command().toCharArray());
        WideMemory reboot = WideMemory.of(f.rebootMessage().toCharArray());
        WinsvcEx.SERVICE_FAILURE_ACTIONS s = new WinsvcEx.SERVICE_FAILURE_ACTIONS();
        s.dwResetPeriod = dword(f.resetPeriod().toSeconds());
        s.lpRebootMsg = reboot.pointer();
        s.lpCommand = command.pointer();
        s.cActions = count;
        s.lpsaActions = array;
        s.write();
        return new FailureActionsInfo(command, reboot, array, s);
    }

    /** A DWORD: negative as 0, beyond {@code 0xFFFFFFFF} as {@code 0xFFFFFFFF} (INFINITE). */
    private static int dword(long value) {
        return (int) Math.max(0, Math.min(0xFFFF_FFFFL, value));
    }

    /** What {@code lpInfo} points to. */
    WinsvcEx.SERVICE_FAILURE_ACTIONS structure() {
        return structure;
    }

    @Override
    public void close() {
        command.close();
        reboot.close();
        actions.close();
    }
}
