package org.jsrvany.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLoggingTest {

    @Test
    void theFolderIsUnderProgramDataUnlessTheSystemPropertyMovesIt() {
        assertThat(ServiceLogging.folder(null, Map.of("ProgramData", "/pd")::get)).isEqualTo(Path.of("/pd", "jsrvany", "logs"));
        assertThat(ServiceLogging.folder(" ", Map.of("ProgramData", "/pd")::get)).isEqualTo(Path.of("/pd", "jsrvany", "logs"));
        assertThat(ServiceLogging.folder("/var/log/x", Map.of("ProgramData", "/pd")::get)).isEqualTo(Path.of("/var/log/x"));
        assertThat(ServiceLogging.folder(null, Map.<String, String>of()::get))
                .isEqualTo(Path.of("C:\\ProgramData", "jsrvany", "logs"));
    }

    @Test
    void serviceNamesBecomeValidWindowsFileNames() {
        assertThat(ServiceLogging.baseName("My Service")).isEqualTo("My Service");
        assertThat(ServiceLogging.baseName("a<b>c:d\"e|f?g*h/i")).isEqualTo("a_b_c_d_e_f_g_h_i");
        assertThat(ServiceLogging.baseName("tab\there")).isEqualTo("tab_here");
        assertThat(ServiceLogging.baseName("dots. ")).isEqualTo("dots__");
        assertThat(ServiceLogging.baseName("CON")).isEqualTo("_CON");
        assertThat(ServiceLogging.baseName("nul.svc")).isEqualTo("_nul.svc");
        assertThat(ServiceLogging.baseName("COM10")).isEqualTo("COM10");
        assertThat(ServiceLogging.baseName("ünïcødé")).isEqualTo("ünïcødé");
    }
}
