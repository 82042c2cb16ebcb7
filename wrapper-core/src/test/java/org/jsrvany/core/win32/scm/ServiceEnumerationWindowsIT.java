package org.jsrvany.core.win32.scm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.jsrvany.core.service.ServiceManager;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code WindowsServiceManager.serviceNames}, which 'list' and 'upgrade' walk: every entry has its
 * name, the first one too (jna-platform's structure has no Pointer constructor, so the first entry
 * must be read by hand), and each name opens its service.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(60)
class ServiceEnumerationWindowsIT {
    @Test
    void everyEnumeratedServiceHasItsNameTheFirstOneToo() {
        ServiceManager scm = WindowsServiceManager.local();
        List<String> names = scm.serviceNames();
        assertThat(names).isNotEmpty().doesNotContainNull().allSatisfy(n -> assertThat(n).isNotBlank());
        assertThat(names).map(n -> n.toLowerCase(Locale.ROOT)).contains("eventlog");
        assertThat(scm.find(names.get(0))).as("the first name opens its service").isPresent();
    }
}
