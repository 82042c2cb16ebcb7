package org.jsrvany.launcher;

/** Entry point of the service program. */
public final class LauncherMain {
    private LauncherMain() {
    }

    public static void main(String[] args) {
        System.out.println("jsrvany launcher");
    }
}
