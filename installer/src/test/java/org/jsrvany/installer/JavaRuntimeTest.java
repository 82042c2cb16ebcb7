package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaRuntimeTest {
    @TempDir
    Path temp;

    /** The first bytes of a Windows executable for {@code machine}: DOS header, PE signature at 0x80, machine. */
    static byte[] peHeader(int machine) {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3c] = (byte) 0x80;
        b[0x80] = 'P';
        b[0x81] = 'E';
        b[0x84] = (byte) machine;
        b[0x85] = (byte) (machine >> 8);
        return b;
    }

    @ParameterizedTest(name = "[{index}] machine 0x{0} -> {1}")
    @CsvSource({
        "8664, X64",
        "aa64, ARM64",
        "014c, X86",
        "0200, UNKNOWN", // Itanium
        "a641, UNKNOWN", // ARM64EC: not a plain ARM64 image
    })
    void thePeHeaderSaysWhichProcessor(String hex, JavaRuntime.Machine expected) {
        assertThat(JavaRuntime.machine(peHeader(Integer.parseInt(hex, 16)))).isEqualTo(expected);
    }

    @Test
    void whatIsNotAWindowsExecutableIsUnknown() {
        byte[] good = peHeader(0x8664);
        byte[] noMz = good.clone();
        noMz[0] = 'X';
        byte[] noPe = good.clone();
        noPe[0x80] = 'N';
        byte[] offsetOutside = good.clone();
        offsetOutside[0x3d] = 0x40; // e_lfanew = 0x4080, beyond what was read
        assertThat(JavaRuntime.machine(noMz)).isEqualTo(JavaRuntime.Machine.UNKNOWN);
        assertThat(JavaRuntime.machine(noPe)).isEqualTo(JavaRuntime.Machine.UNKNOWN);
        assertThat(JavaRuntime.machine(offsetOutside)).isEqualTo(JavaRuntime.Machine.UNKNOWN);
        assertThat(JavaRuntime.machine(Arrays.copyOf(good, 0x3f))).isEqualTo(JavaRuntime.Machine.UNKNOWN);
        assertThat(JavaRuntime.machine(Arrays.copyOf(good, 0x85))).isEqualTo(JavaRuntime.Machine.UNKNOWN);
        assertThat(JavaRuntime.machine(new byte[0])).isEqualTo(JavaRuntime.Machine.UNKNOWN);
    }

    @Test
    void aFileIsReadForItsHeader() throws Exception {
        Path exe = Files.write(temp.resolve("java.exe"), peHeader(0xaa64));
        assertThat(JavaRuntime.machineOf(exe.toString())).isEqualTo(JavaRuntime.Machine.ARM64);
        assertThat(JavaRuntime.machineOf(temp.resolve("missing.exe").toString())).isEqualTo(JavaRuntime.Machine.UNKNOWN);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.12.7-hotspot\\bin\\java.exe|jdk-17.0.12.7-hotspot",
        "C:\\Program Files\\Microsoft\\jdk-21.0.4.7-hotspot\\bin\\java.exe|jdk-21.0.4.7-hotspot",
        "C:\\Java\\jdk-17.0.12+7\\bin\\java.exe|jdk-17.0.12+7",
        "C:\\Program Files\\Java\\jre1.8.0_401\\bin\\java.exe|jre1.8.0_401",
        "C:\\Program Files\\Zulu\\zulu17.50.19-ca-jdk17.0.11-win_x64\\bin\\java.exe|zulu17.50.19-ca-jdk17.0.11-win_x64",
        "C:\\Users\\me\\scoop\\apps\\temurin17-jdk\\17.0.12-7\\bin\\java.exe|17.0.12-7",
        "C:\\app-1.2\\jdk-17.0.1\\bin\\java.exe|jdk-17.0.1",
        "C:\\Program Files\\Java\\jdk-17\\bin\\java.exe|-",
        "C:\\Users\\me\\scoop\\apps\\temurin17-jdk\\current\\bin\\java.exe|-",
        "C:\\Program Files\\jsrvany\\runtime\\bin\\java.exe|-",
        "C:\\Program Files (x86)\\java17\\bin\\java.exe|-",
        "C:\\Java\\jdk17\\bin\\java.exe|-",
        "java.exe|-",
        "\\\\server\\share v2.1\\jdk\\bin\\java.exe|share v2.1",
        "/usr/lib/jvm/java-17-openjdk-amd64/bin/java|-",
        "/opt/jdk-17.0.12+7/bin/java|jdk-17.0.12+7",
    })
    void aFolderNamedForItsVersionIsFound(String javaExe, String folder) {
        assertThat(JavaRuntime.versionedFolder(javaExe)).isEqualTo(Optional.ofNullable(folder));
        assertThat(JavaRuntime.versionWarning(javaExe).isPresent()).isEqualTo(folder != null);
    }

    @Test
    void theWarningNamesTheFolderAndBothWaysOut() {
        String java = "C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.12.7-hotspot\\bin\\java.exe";
        assertThat(JavaRuntime.versionWarning(java)).hasValueSatisfying(w -> assertThat(w)
                .contains("(jdk-17.0.12.7-hotspot)").contains("runtime\\").contains("docs/distribution.md")
                .contains("mklink /J C:\\Java\\jdk17 \"C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.12.7-hotspot\"")
                .contains("--java C:\\Java\\jdk17\\bin\\java.exe").contains("jsrvany upgrade"));
    }
}
