package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePathTest {

    /** argv[0] by CreateProcess's rule for a quoted program, then CommandLineToArgvW for the rest. */
    private static List<String> argv(String imagePath) {
        assertThat(imagePath).startsWith("\"");
        int close = imagePath.indexOf('"', 1);
        List<String> rest = WindowsCommandLine.splitArguments(imagePath.substring(close + 1));
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(imagePath.substring(1, close)), rest.stream()).toList();
    }

    @ParameterizedTest(name = "[{index}] java={0} jar={1} jna={2}")
    @CsvSource(delimiter = '|', value = {
        "C:\\Java\\bin\\java.exe|C:\\jsrvany\\lib\\jsrvany-launcher.jar|C:\\jsrvany\\lib",
        "C:\\Program Files\\Java\\jdk-17\\bin\\java.exe|C:\\Program Files\\jsrvany\\lib\\jsrvany-launcher.jar|C:\\Program Files\\jsrvany\\lib",
        "C:\\Programme\\Jäva ✓\\bin\\java.exe|D:\\Dienste & Co\\jsrvany-launcher.jar|D:\\Dienste & Co\\win32-aarch64",
        "\\\\server\\share\\java\\bin\\java.exe|\\\\server\\share\\jsrvany-launcher.jar|C:\\lib dir\\",
        "C:\\java\\bin\\java.exe|C:\\weird name %PATH% (x86)\\jsrvany-launcher.jar|C:\\trailing\\\\",
    })
    void everyPathIsQuotedAndComesBackUnchanged(String java, String jar, String jna) {
        String image = ImagePath.build(java, jar, jna);
        String archive = Distribution.join(Distribution.parent(jar), "jsrvany-launcher." + ClassDataArchive.key(java) + ".jsa");
        assertThat(argv(image)).containsExactly(java, "-Xrs", "-Xms4m", "-Xmx64m", "-XX:-UsePerfData", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Djna.boot.library.path=" + jna, "-Djna.nosys=true", "-Djna.nounpack=true", "-jar", jar);
        assertThat(image).startsWith("\"" + java + "\" ").contains(" -jar \"").doesNotContain("jna.tmpdir");
        assertThat(ImagePath.parse(image).program()).isEqualTo(java);
        assertThat(ImagePath.parse(image).unquotedWithSpaces()).isFalse();
        assertThat(ImagePath.kind(image)).isEqualTo(WrapperKind.JSRVANY);
        assertThat(ImagePath.launcherJar(image)).contains(jar);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "C:\\a\"b\\java.exe|C:\\x\\jsrvany-launcher.jar",
        "C:\\java.exe|C:\\x\"\\jsrvany-launcher.jar",
        "|C:\\x\\jsrvany-launcher.jar",
    })
    void aPathWithAQuoteOrEmptyIsRefused(String java, String jar) {
        assertThatThrownBy(() -> ImagePath.build(java == null ? "" : java, jar, "C:\\x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "C:\\Windows\\System32\\srvany.exe|srvany|C:\\Windows\\System32\\srvany.exe|false",
        "C:\\Program Files\\srvany\\srvany.exe|srvany|C:\\Program Files\\srvany\\srvany.exe|true",
        "\"C:\\Program Files\\srvany-ng\\srvany-ng.exe\"|srvany-ng|C:\\Program Files\\srvany-ng\\srvany-ng.exe|false",
        "C:\\tools\\NSSM.EXE|nssm|C:\\tools\\NSSM.EXE|false",
        "C:\\Windows\\system32\\svchost.exe -k netsvcs -p|other|C:\\Windows\\system32\\svchost.exe|false",
        "\"C:\\j\\java.exe\" -Xrs -jar \"C:\\x y\\jsrvany-launcher.jar\"|jsrvany|C:\\j\\java.exe|false",
        "\"C:\\j\\java.exe\" -jar C:\\x\\other.jar|other|C:\\j\\java.exe|false",
        "C:\\Program Files\\Some App\\app.exe --flag|other|C:\\Program Files\\Some App\\app.exe|true",
        "'C:\\no quotes\\no-exe thing'|other|C:\\no|false",
    })
    void readsWhatAServiceRuns(String imagePath, String kind, String program, boolean unquotedWithSpaces) {
        assertThat(ImagePath.kind(imagePath).word()).isEqualTo(kind);
        assertThat(ImagePath.parse(imagePath).program()).isEqualTo(program);
        assertThat(ImagePath.parse(imagePath).unquotedWithSpaces()).isEqualTo(unquotedWithSpaces);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "C:\\plain|\"C:\\plain\"",
        "C:\\dir\\|\"C:\\dir\\\\\"",
        "C:\\two\\\\|\"C:\\two\\\\\\\\\"",
        "with space|\"with space\"",
        "ünï ✓|\"ünï ✓\"",
    })
    void quoteAlwaysQuotesAndDoublesTrailingBackslashes(String arg, String quoted) {
        assertThat(ImagePath.quoteAlways(arg)).isEqualTo(quoted);
        assertThat(WindowsCommandLine.splitArguments(quoted)).containsExactly(arg);
    }
}
