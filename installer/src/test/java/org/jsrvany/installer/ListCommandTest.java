package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ListCommandTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("Web", "--display-name", "Web server");
        h.scm.add(ServiceOptions.defaults("Spooler", "C:\\Windows\\System32\\spoolsv.exe"));
        h.scm.add(ServiceOptions.defaults("OldApp", "C:\\Program Files\\srvany\\srvany.exe"));
        h.scm.add(ServiceOptions.defaults("NgApp", "\"C:\\tools\\srvany-ng.exe\""));
        h.scm.add(ServiceOptions.defaults("NssmApp", "C:\\nssm\\nssm.exe"));
    }

    @Test
    void listsJsrvanyServices() {
        Harness.Result r = h.run("list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("NAME").contains("Web").contains("jsrvany").contains("STOPPED").contains("Web server")
                .doesNotContain("Spooler").doesNotContain("OldApp");
    }

    @Test
    void allAddsTheServicesAdoptCanTakeOver() {
        Harness.Result r = h.run("list", "--all");
        assertThat(r.out()).contains("OldApp").contains("srvany ").contains("NgApp").contains("srvany-ng")
                .contains("NssmApp").contains("nssm").doesNotContain("Spooler");
        assertThat(r.err()).contains("OldApp's ImagePath is an unquoted path with spaces");
    }

    @Test
    void json() {
        Harness.Result r = h.run("list", "--all", "--json");
        assertThat(r.out()).startsWith("[").contains("\"name\": \"Web\"").contains("\"wrapper\": \"nssm\"")
                .contains("\"unquotedImagePath\": true");
    }

    @Test
    void nothingInstalled() throws IOException {
        Harness empty = new Harness(temp.resolve("e"));
        assertThat(empty.run("list").out()).contains("No jsrvany services are installed");
    }
}
