package org.jsrvany.installer;

import java.nio.file.Path;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.win32.scm.WindowsServiceManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every Windows test of a real service run by the real launcher shares: a temporary folder, the service
 * manager, the service's name and launcher (set by the test), the service removed after each test, and the
 * installer run with its command and result echoed for the lane's log ({@link WindowsIt}).
 */
abstract class RealServiceIt {
    @TempDir
    Path temp;

    final ServiceManager scm = WindowsServiceManager.local();
    String name;
    Path launcher;

    @AfterEach
    void cleanUp() {
        WindowsIt.removeService(scm, launcher, name);
    }

    Harness.Result run(String... args) {
        return WindowsIt.runEchoed(launcher, args);
    }
}
