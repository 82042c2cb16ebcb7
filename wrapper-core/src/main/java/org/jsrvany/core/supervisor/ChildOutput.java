package org.jsrvany.core.supervisor;

import java.io.InputStream;
import java.time.Duration;

/** Where a child run's output streams go (the output capture, adapted by the caller). */
public interface ChildOutput {

    /** Starts copying one run's streams; either may be null. */
    void attach(InputStream stdout, InputStream stderr);

    /** Waits until the run's streams reached their end and were written; false on timeout. */
    boolean awaitDrained(Duration timeout) throws InterruptedException;

    /** Output that is thrown away (streams are still drained so the child never blocks). */
    static ChildOutput discard() {
        return new ChildOutput() {
            private final java.util.List<Thread> pumps = new java.util.ArrayList<>();

            @Override
            public synchronized void attach(InputStream stdout, InputStream stderr) {
                pumps.clear();
                for (InputStream in : new InputStream[] {stdout, stderr}) {
                    if (in != null) {
                        Thread t = new Thread(() -> {
                            try (in) {
                                in.transferTo(java.io.OutputStream.nullOutputStream());
                            } catch (java.io.IOException ignored) {
                                // the child is gone; nothing to keep
                            }
                        }, "jsrvany-discard");
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
        };
    }
}
