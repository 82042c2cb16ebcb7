package org.jsrvany.installer;

/** Entry point of the administrator's command-line tool. */
public final class InstallerMain {
    private InstallerMain() {
    }

    public static void main(String[] args) {
        System.out.println("jsrvany installer");
    }
}
