package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DistributionTest {

    @ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "C:\\Program Files\\jsrvany\\lib\\jsrvany-launcher.jar|X64|C:\\Program Files\\jsrvany\\lib",
        "C:\\Program Files\\jsrvany\\lib\\jsrvany-launcher.jar|UNKNOWN|C:\\Program Files\\jsrvany\\lib",
        "C:\\Program Files\\jsrvany\\lib\\jsrvany-launcher.jar|ARM64|C:\\Program Files\\jsrvany\\lib\\win32-aarch64",
        "/work/wrapper-launcher/target/jsrvany-launcher.jar|X64|/work/wrapper-launcher/target",
        "/work/wrapper-launcher/target/jsrvany-launcher.jar|ARM64|/work/wrapper-launcher/target/win32-aarch64",
    })
    void jnaLoadsFromTheLaunchersFolderOrItsArm64Subfolder(String jar, JavaRuntime.Machine machine, String folder) {
        assertThat(Distribution.jnaFolder(jar, machine)).isEqualTo(folder);
    }

    @ParameterizedTest(name = "[{index}] {0} -> root {1}")
    @CsvSource(delimiter = '|', value = {
        "C:\\Program Files\\jsrvany\\lib\\jsrvany.jar|C:\\Program Files\\jsrvany|C:\\Program Files\\jsrvany\\runtime\\bin\\java.exe",
        "C:\\Program Files\\jsrvany\\LIB\\jsrvany-launcher.jar|C:\\Program Files\\jsrvany|C:\\Program Files\\jsrvany\\runtime\\bin\\java.exe",
        "C:\\tools\\jsrvany.jar|C:\\tools|C:\\tools\\runtime\\bin\\java.exe",
        "D:\\lib\\jsrvany.jar|D:\\|D:\\runtime\\bin\\java.exe",
        "/opt/jsrvany/lib/jsrvany.jar|/opt/jsrvany|/opt/jsrvany/runtime/bin/java.exe",
    })
    void aCopysRootHoldsLibAndTheBundledRuntime(String jar, String root, String java) {
        assertThat(Distribution.root(jar)).isEqualTo(root);
        assertThat(Distribution.bundledJava(jar)).isEqualTo(java);
    }

    @Test
    void servicesRunTheBundledRuntimeWhenThereIsOneElseTheRunningJava() {
        String jar = "C:\\jsrvany\\lib\\jsrvany.jar";
        String bundled = "C:\\jsrvany\\runtime\\bin\\java.exe";
        String running = "C:\\Program Files\\Java\\jdk-17\\bin\\java.exe";
        assertThat(Distribution.defaultJava(Optional.of(jar), running, Set.of(bundled)::contains)).isEqualTo(bundled);
        assertThat(Distribution.defaultJava(Optional.of(jar), running, p -> false)).isEqualTo(running);
        assertThat(Distribution.defaultJava(Optional.empty(), running, p -> true)).isEqualTo(running);
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1}: same {2}, inside {3}")
    @CsvSource(delimiter = '|', value = {
        "C:\\Program Files\\jsrvany\\lib\\jsrvany-launcher.jar|c:/program files/JSRVANY/lib/jsrvany-launcher.jar|true|true",
        "C:\\jsrvany\\|C:\\jsrvany|true|true",
        "C:\\jsrvany\\runtime\\bin\\java.exe|C:\\jsrvany|false|true",
        "C:\\jsrvany-old\\lib\\x.jar|C:\\jsrvany|false|false",
        "C:\\jsrvany|C:\\jsrvany\\lib|false|false",
        "C:\\|C:\\|true|true",
        "C:\\x|C:\\|false|true",
    })
    void pathsCompareByWindowsRules(String path, String other, boolean same, boolean inside) {
        assertThat(Distribution.samePath(path, other)).isEqualTo(same);
        assertThat(Distribution.isInside(path, other)).isEqualTo(inside);
    }

    @ParameterizedTest(name = "[{index}] {0} -> parent {1}, name {2}")
    @CsvSource(delimiter = '|', value = {
        "C:\\a\\b.jar|C:\\a|b.jar",
        "C:\\a\\|C:\\|a",
        "C:\\a|C:\\|a",
        "C:\\|C:\\|''",
        "/opt/a|/opt|a",
        "/a|/|a",
        "\\\\server\\share\\x|\\\\server\\share|x",
        "plain|''|plain",
    })
    void parentAndFileName(String path, String parent, String name) {
        assertThat(Distribution.parent(path)).isEqualTo(parent);
        assertThat(Distribution.fileName(path)).isEqualTo(name);
    }
}
