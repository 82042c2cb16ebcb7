package org.jsrvany.core.supervisor;

import org.jsrvany.core.output.ChildOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test output: drains the child's streams (so it never blocks) and keeps nothing. */
public final class DiscardOutput implements ChildOutput {
    private final List<Thread> pumps = new ArrayList<>();

    @Override
    public synchronized void attach(InputStream stdout, InputStream stderr) {
        pumps.clear();
        for (InputStream in : new InputStream[] {stdout, stderr}) {
            if (in != null) {
                Thread t = new Thread(() -> {
                    try (in) {
                        in.transferTo(OutputStream.nullOutputStream());
                    } catch (IOException ignored) {
                        // the child is gone; nothing to keep
                    }
                }, "test-discard");
                t.setDaemon(true);
                t.start();
                pumps.add(t);
            }
        }
    }

    @Override
    public synchronized boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : pumps) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
