package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which services {@code upgrade} re-points, and at which Java: one row per situation an administrator meets. */
class UpgradesTest {
    private static final String NEW = "C:\\Program Files\\jsrvany";
    private static final String OLD = "C:\\jsrvany-0.1.0";
    private static final Upgrades.Here HERE = new Upgrades.Here(NEW + "\\lib\\jsrvany-launcher.jar",
            NEW + "\\runtime\\bin\\java.exe");
    private static final Set<String> EXISTING = Set.of(
            NEW + "\\runtime\\bin\\java.exe",
            OLD + "\\runtime\\bin\\java.exe",
            "C:\\Java\\jdk17\\bin\\java.exe",
            "C:\\Other\\java.exe");

    private static String image(String java, String launcher) {
        return ImagePath.build(java, launcher, Distribution.parent(launcher));
    }

    private static String oldImage(String java, String launcher) {
        return "\"" + java + "\" -Xrs -Xmx64m \"-Djna.tmpdir=C:\\ProgramData\\jsrvany\\tmp\" -jar \"" + launcher + "\"";
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // situation | java now | launcher now | old options | --java | expected java (- = up to date) | reason
        "this copy, this version|" + NEW + "\\runtime\\bin\\java.exe|" + NEW + "\\lib\\jsrvany-launcher.jar|false|-|-|-",
        "this copy, own stable Java|C:\\Java\\jdk17\\bin\\java.exe|" + NEW + "\\lib\\jsrvany-launcher.jar|false|-|-|-",
        "this folder, older version's options (unzipped over)|" + NEW + "\\runtime\\bin\\java.exe|" + NEW
                + "\\lib\\jsrvany-launcher.jar|true|-|" + NEW + "\\runtime\\bin\\java.exe|an older version's",
        "launcher path differs only in case|" + NEW + "\\runtime\\bin\\java.exe|c:\\program files\\JSRVANY\\lib\\jsrvany-launcher.jar"
                + "|false|-|" + NEW + "\\runtime\\bin\\java.exe|an older version's",
        "older copy with its bundled runtime|" + OLD + "\\runtime\\bin\\java.exe|" + OLD + "\\lib\\jsrvany-launcher.jar|true|-|"
                + NEW + "\\runtime\\bin\\java.exe|that copy's bundled runtime",
        "older copy, own stable Java kept|C:\\Java\\jdk17\\bin\\java.exe|" + OLD + "\\lib\\jsrvany-launcher.jar|true|-|"
                + "C:\\Java\\jdk17\\bin\\java.exe|another copy of jsrvany (" + OLD + "\\lib\\jsrvany-launcher.jar)",
        "older copy outside the zip layout (jars side by side)|C:\\Java\\jdk17\\bin\\java.exe|C:\\tools\\jsrvany-launcher.jar"
                + "|true|-|C:\\Java\\jdk17\\bin\\java.exe|another copy of jsrvany",
        "this copy, java.exe removed by a Java update|C:\\Program Files\\Eclipse Adoptium\\jdk-17.0.1.12-hotspot\\bin\\java.exe|"
                + NEW + "\\lib\\jsrvany-launcher.jar|false|-|" + NEW + "\\runtime\\bin\\java.exe|no longer exists",
        "older copy and its java.exe gone|C:\\jdk-17.0.1\\bin\\java.exe|" + OLD + "\\lib\\jsrvany-launcher.jar|true|-|"
                + NEW + "\\runtime\\bin\\java.exe|no longer exists",
        "--java for a service of this copy|" + NEW + "\\runtime\\bin\\java.exe|" + NEW + "\\lib\\jsrvany-launcher.jar|false|"
                + "C:\\Other\\java.exe|C:\\Other\\java.exe|--java: runs C:\\Other\\java.exe",
        "--java naming the Java it already runs|C:\\Other\\java.exe|" + NEW + "\\lib\\jsrvany-launcher.jar|false|"
                + "C:\\Other\\java.exe|-|-",
    })
    void decides(String situation, String java, String launcher, boolean oldOptions, String override, String expectedJava,
                 String reason) {
        String now = oldOptions ? oldImage(java, launcher) : image(java, launcher);
        Upgrades.Verdict v = Upgrades.decide(now, HERE, Optional.ofNullable(override), EXISTING::contains,
                UpgradesTest::image);
        if (expectedJava == null) {
            assertThat(v).as(situation).isInstanceOf(Upgrades.Verdict.UpToDate.class);
            return;
        }
        assertThat(v).as(situation).isInstanceOf(Upgrades.Verdict.Repoint.class);
        Upgrades.Verdict.Repoint r = (Upgrades.Verdict.Repoint) v;
        assertThat(r.java()).as(situation).isEqualTo(expectedJava);
        assertThat(r.imagePath()).as(situation).isEqualTo(image(expectedJava, HERE.launcher()));
        assertThat(String.join("; ", r.reasons())).as(situation).contains(reason);
    }
}
