package org.jsrvany.installer;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.jsrvany.core.win32.Win32CallException;

/**
 * Runs a plan's steps in order; when one fails, takes back the ones already done, newest first (a
 * created service is simply deleted, with everything written under it), and reports the failure with
 * what was undone. Passwords held by the steps are wiped at the end either way.
 */
final class Transaction {
    private Transaction() {
    }

    static void run(String service, List<Step> steps, Backends backends, PrintStream out) {
        List<Step> done = new ArrayList<>();
        try {
            for (Step step : steps) {
                try {
                    step.apply(backends);
                } catch (RuntimeException e) {
                    throw rollBack(service, step, e, done, backends);
                }
                done.add(step);
                out.println("  " + step.describe());
            }
        } finally {
            steps.forEach(Step::wipe);
        }
    }

    private static InstallerException rollBack(String service, Step failed, RuntimeException cause, List<Step> done,
                                               Backends backends) {
        InstallerException reason = cause instanceof Win32CallException w ? Failures.translate(w, service)
                : ExceptionExits.classify(cause);
        List<String> notes = new ArrayList<>();
        int created = -1;
        for (int i = 0; i < done.size(); i++) {
            if (done.get(i) instanceof Step.Create) {
                created = i;
            }
        }
        // What follows a creation lives under the created service, and deleting it undoes it, except
        // changes kept elsewhere (the event source), which are undone one by one.
        List<Step> toUndo = new ArrayList<>(created >= 0 ? done.subList(0, created + 1) : done);
        if (created >= 0) {
            done.subList(created + 1, done.size()).stream().filter(Step::outsideServiceKey).forEach(toUndo::add);
        }
        int undone = 0;
        for (int i = toUndo.size() - 1; i >= 0; i--) {
            Step s = toUndo.get(i);
            try {
                s.undo(backends);
                undone++;
                s.undoCaveat().ifPresent(c -> notes.add("note: " + c + "."));
            } catch (RuntimeException e) {
                notes.add("could not undo '" + s.describe() + "': " + e.getMessage());
            }
        }
        StringBuilder msg = new StringBuilder(reason.getMessage());
        msg.append(System.lineSeparator()).append("Failed at: ").append(failed.describe()).append('.');
        if (done.isEmpty()) {
            msg.append(" Nothing had been changed.");
        } else if (created >= 0 && notes.stream().noneMatch(n -> n.startsWith("could not"))) {
            msg.append(" The service this run created was removed again; nothing is left behind.");
        } else if (notes.stream().noneMatch(n -> n.startsWith("could not"))) {
            msg.append(" The ").append(undone).append(" change(s) made before were undone.");
        }
        notes.forEach(n -> msg.append(System.lineSeparator()).append(n));
        return new InstallerException(reason.exit(), msg.toString(), cause);
    }
}
