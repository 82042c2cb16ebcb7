package org.jsrvany.core.process;

/**
 * A fresh JVM for {@link LibCLoadIT}: loads the libc mapping, sends signal 0 to itself, and prints what it saw:
 * {@code kill RESULT}, {@code path VALUE} (JNA's search path property afterwards) and {@code reapers N} (the JDK's
 * "process reaper" threads, which exist once the JVM has started a process).
 */
public final class LibCProbe {
    private LibCProbe() {
    }

    public static void main(String[] args) {
        int result = LibC.INSTANCE.kill((int) ProcessHandle.current().pid(), 0);
        long reapers = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("process reaper")).count();
        System.out.println("kill " + result);
        System.out.println("path " + System.getProperty(LibC.JNA_SEARCH_PATH));
        System.out.println("reapers " + reapers);
    }
}
