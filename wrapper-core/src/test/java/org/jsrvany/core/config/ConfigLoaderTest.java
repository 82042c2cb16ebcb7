package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;
    Path program;
    final List<String> warnings = new ArrayList<>();
    ConfigLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("app dir"));
        program = dir.resolve("app dir/my app.sh");
        Files.writeString(program, "#!/bin/sh\n");
        program.toFile().setExecutable(true);
        loader = new ConfigLoader(Map.of("PATH", dir.resolve("app dir") + ":/usr/bin", "ROOT", dir.toString()), false,
                warnings::add);
    }

    private ServiceConfig loadFile(String text) throws Exception {
        Path file = dir.resolve("svc.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return loader.load("svc", PropertiesSource.load(file));
    }

    private List<String> problemsOf(String text) {
        try {
            loadFile(text);
        } catch (ConfigException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a ConfigException");
    }

    @Test
    void defaultsFollowNssm() throws Exception {
        ServiceConfig c = loadFile("Application=" + program.toString().replace("\\", "\\\\") + "\n");
        assertThat(c.application()).isEqualTo(program);
        assertThat(c.directory()).isEqualTo(program.getParent());
        assertThat(c.parameters()).isEmpty();
        assertThat(c.exitActions()).isEqualTo(new ExitActions(ExitAction.RESTART, Map.of()));
        assertThat(c.throttle()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.restartDelay()).isZero();
        assertThat(c.stopPolicy()).isEqualTo(StopPolicy.defaults());
        assertThat(c.pauseMode()).isEqualTo(PauseMode.SUSPEND);
        assertThat(c.output().stdout()).isNull();
        assertThat(c.output().stdoutAppend()).isTrue();
        assertThat(c.environment()).containsEntry("ROOT", dir.toString());
        assertThat(warnings).isEmpty();
    }

    @Test
    void everyParameterIsRead() throws Exception {
        Files.createDirectories(dir.resolve("work"));
        ServiceConfig c = loadFile("""
                Application=app dir/my app.sh
                AppParameters=-x "a b" %ROOT%
                AppDirectory=work
                AppEnvironment=A=1\\nB=%A%-%ROOT%
                AppEnvironmentExtra=C=3
                AppExit=Exit
                AppExit.0=Restart
                AppExit.4294967295=Suicide
                AppThrottle=0x10
                AppRestartDelay=250
                AppStopMethodSkip=6
                AppStopMethodConsole=100
                AppStopMethodWindow=200
                AppStopMethodThreads=300
                AppKillProcessTree=0
                AppStdout=logs/out.log
                AppStderr=logs/out.log
                AppStderrCreationDisposition=2
                AppTimestampLog=1
                AppRotateFiles=1
                AppRotateOnline=1
                AppRotateSeconds=60
                AppRotateBytes=1000
                AppRotateBytesHigh=1
                AppRotateKeep=5
                AppRotatePeriod=3600
                AppPauseMode=report
                AppNoConsole=1
                AppPriority=0x4000
                AppAffinity=0-2,4
                """);
        assertThat(c.application()).isEqualTo(program);
        assertThat(c.parameters()).isEqualTo("-x \"a b\" " + dir);
        assertThat(c.arguments()).containsExactly("-x", "a b", dir.toString());
        assertThat(c.directory()).isEqualTo(dir.resolve("work"));
        assertThat(c.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "1-" + dir), Map.entry("C", "3"));
        assertThat(c.exitActions()).isEqualTo(new ExitActions(ExitAction.EXIT, Map.of(0, ExitAction.RESTART, -1, ExitAction.SUICIDE)));
        assertThat(c.throttle()).isEqualTo(Duration.ofMillis(16));
        assertThat(c.restartDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.stopPolicy()).isEqualTo(new StopPolicy(Set.of(StopStep.WINDOW, StopStep.THREADS), Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(300), false));
        assertThat(c.output().stdout()).isEqualTo(dir.resolve("work/logs/out.log"));
        assertThat(c.output().stderr()).isEqualTo(c.output().stdout());
        assertThat(c.output().stdoutAppend()).isTrue();
        assertThat(c.output().stderrAppend()).isFalse();
        assertThat(c.output().timestamps()).isTrue();
        assertThat(c.output().rotateOnStart()).isTrue();
        assertThat(c.output().rotateOnline()).isTrue();
        assertThat(c.output().rotateMinAge()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.output().rotateBytes()).isEqualTo((1L << 32) + 1000);
        assertThat(c.output().keep()).isEqualTo(5);
        assertThat(c.output().rotatePeriod()).isEqualTo(Duration.ofHours(1));
        assertThat(c.pauseMode()).isEqualTo(PauseMode.REPORT);
        assertThat(c.windows()).isEqualTo(new WindowsOptions(true, 0x4000, "0-2,4"));
    }

    @Test
    void aBareProgramNameIsFoundOnPath() throws Exception {
        ServiceConfig c = loadFile("Application=my app.sh\n");
        assertThat(c.application()).isEqualTo(program);
    }

    @Test
    void everyBadValueIsReportedAtOnceWithKeyValueAndExpectation() {
        assertThat(problemsOf("""
                Application=%ROOT%/app dir/my app.sh
                AppDirectory=/no/such/folder
                AppEnvironment=JUSTANAME
                AppThrottle=-5
                AppRestartDelay=soon
                AppExit=Explode
                AppExit.abc=Exit
                AppStopMethodSkip=16
                AppStdoutCreationDisposition=3
                AppPauseMode=Freeze
                AppPriority=7
                AppAffinity=all
                AppThrotle=10
                """)).containsExactlyInAnyOrder(
                "'AppThrotle' in " + dir.resolve("svc.properties") + " is not a jsrvany parameter (did you mean AppThrottle?);"
                        + " see docs/parameters.md for the names.",
                "AppDirectory '/no/such/folder' does not exist (/no/such/folder): create it or set"
                        + " AppDirectory to an existing folder.",
                "AppEnvironment entry 'JUSTANAME' has no '=': write each entry as KEY=VALUE (the value may be empty, as in KEY=).",
                "AppThrottle=-5 in " + dir.resolve("svc.properties") + ": expected a whole number from 0 to 4294967295"
                        + " (decimal, or hexadecimal with 0x).",
                "AppRestartDelay=soon in " + dir.resolve("svc.properties") + ": expected a whole number from 0 to 4294967295"
                        + " (decimal, or hexadecimal with 0x).",
                "AppExit (Default) is 'Explode': expected Restart, Ignore, Exit or Suicide.",
                "AppExit has a value named 'abc', which is not an exit code: name each value after a decimal exit code"
                        + " from 0 to 4294967295 (or -2147483648 to -1, the same codes written signed), such as 0 or 3.",
                "AppStopMethodSkip is 16: expected a sum of 1 (Ctrl+C), 2 (WM_CLOSE), 4 (WM_QUIT) and 8 (terminate), 0 to 15.",
                "AppPauseMode is 'Freeze': expected Suspend or Report.",
                "AppPriority is 7 (0x7): expected one of 0x40 idle, 0x4000 below-normal, 0x20 normal, 0x8000 above-normal,"
                        + " 0x80 high, 0x100 realtime.",
                "AppAffinity 'all': 'all' is not a CPU number or a range such as 0-2. Expected CPU numbers and ranges"
                        + " such as 0-2,4, or empty for all CPUs.");
    }

    @Test
    void missingApplicationSaysWhatToSet() {
        assertThat(problemsOf("AppParameters=x\n")).containsExactly("Application is not set in "
                + dir.resolve("svc.properties") + ": set it to the full path of the program the service runs.");
    }

    @Test
    void aProgramThatDoesNotExistIsNamed() {
        assertThat(problemsOf("Application=/no/such/program.exe\n")).containsExactly(
                "Application '/no/such/program.exe' does not exist (looked for /no/such/program.exe): set Application to"
                        + " the full path of an existing program.");
        assertThat(problemsOf("Application=nosuchprogram\n")).containsExactly(
                "Application 'nosuchprogram' was not found on PATH: set Application to the program's full path.");
    }

    @Test
    void aFolderOrANonExecutableIsNotAProgram() throws IOException {
        assertThat(problemsOf("Application=" + dir + "\n")).singleElement().asString().contains("is a folder, not a program");
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "x");
        assertThat(problemsOf("Application=" + plain + "\n")).singleElement().asString()
                .contains("is not executable").contains("chmod +x");
    }

    @Test
    void quotedPathsWithSpacesAreAccepted() throws Exception {
        ServiceConfig c = loadFile("Application=\"" + program + "\"\nAppDirectory=\"" + dir.resolve("app dir") + "\"\n");
        assertThat(c.application()).isEqualTo(program);
        assertThat(c.directory()).isEqualTo(dir.resolve("app dir"));
    }

    @Test
    void cpuRangesAreCheckedWhenLoadedNotWhenTheServiceStarts() throws Exception {
        assertThat(problemsOf("Application=" + program + "\nAppAffinity=5-2\n")).containsExactly(
                "AppAffinity '5-2': the range 5-2 runs backwards; write it as 2-5. Expected CPU numbers and ranges such as"
                        + " 0-2,4, or empty for all CPUs.");
        assertThat(problemsOf("Application=" + program + "\nAppAffinity=4096\n")).singleElement().asString()
                .contains("CPU 4096 is beyond 4095");
        assertThat(loadFile("Application=" + program + "\nAppAffinity=64-127\n").windows().affinity())
                .as("CPUs of a second processor group are valid").isEqualTo("64-127");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThatThrownBy(() -> PropertiesSource.load(dir.resolve("nope.properties")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The configuration file " + dir.resolve("nope.properties")
                        + " does not exist; check the path given to --config.");
    }

    @Test
    void registryValuesOfTheWrongTypeFallBackToDefaultsWithAWarning() throws Exception {
        MapSource source = new MapSource("HKLM\\...\\svc\\Parameters")
                .put(Param.APPLICATION, program.toString())
                .put(Param.APP_THROTTLE, new RawValue.Text("5000", false))
                .put(Param.APP_ENVIRONMENT, new RawValue.Dword(1));
        ServiceConfig c = loader.load("svc", source);
        assertThat(c.throttle()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.environment()).containsKey("ROOT");
        assertThat(warnings).containsExactly(
                "AppEnvironment in HKLM\\...\\svc\\Parameters is stored as REG_DWORD but must be REG_MULTI_SZ; it is ignored."
                        + " Store it again with the right type.",
                "AppThrottle in HKLM\\...\\svc\\Parameters is stored as REG_SZ but must be REG_DWORD; it is ignored and the"
                        + " default 1500 is used. Store it again with the right type.");
    }

    @Test
    void expandsOnlyExpandableStrings() throws Exception {
        MapSource source = new MapSource("reg")
                .put(Param.APPLICATION, new RawValue.Text(program.toString(), false))
                .put(Param.APP_PARAMETERS, new RawValue.Text("%ROOT%", false));
        assertThat(loader.load("svc", source).parameters()).isEqualTo("%ROOT%");
        source.put(Param.APP_PARAMETERS, new RawValue.Text("%ROOT%", true));
        assertThat(loader.load("svc", source).parameters()).isEqualTo(dir.toString());
    }

    @Test
    void srvanyNgValuesTranslate() throws Exception {
        MapSource source = new MapSource("reg").put(Param.APPLICATION, program.toString())
                .put(Param.RESTART_ON_EXIT, new RawValue.Dword(1))
                .put(Param.OVERRIDE_ENVIRONMENT, new RawValue.Dword(0))
                .put(Param.APP_ENVIRONMENT, new RawValue.MultiText(List.of("X=1")))
                .put(Param.TERMINATE_SUB_PROCESSES, new RawValue.Dword(0));
        ServiceConfig c = loader.load("svc", source);
        assertThat(c.exitActions()).isEqualTo(new ExitActions(ExitAction.RESTART, Map.of()));
        assertThat(c.restartDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.environment()).containsEntry("X", "1").containsEntry("ROOT", dir.toString());
        assertThat(c.stopPolicy().killTree()).isFalse();

        source.put(Param.RESTART_ON_EXIT, new RawValue.Dword(0)).put(Param.APP_KILL_PROCESS_TREE, new RawValue.Dword(1));
        c = loader.load("svc", source);
        assertThat(c.exitActions()).isEqualTo(new ExitActions(ExitAction.EXIT, Map.of()));
        assertThat(c.stopPolicy().killTree()).isTrue();

        source.exitAction("", "Ignore");
        assertThat(loader.load("svc", source).exitActions().defaultAction()).isEqualTo(ExitAction.IGNORE);
    }

    @Test
    void serviceNamesAreChecked() {
        MapSource source = new MapSource("reg").put(Param.APPLICATION, program.toString());
        assertThatThrownBy(() -> loader.load("a/b", source)).isInstanceOf(ConfigException.class)
                .hasMessage("The service name 'a/b' is not valid: use at most 256 characters and no '/' or '\\'.");
    }

    @Test
    void everyTableNameIsUniqueAndHasAMeaning() {
        assertThat(java.util.Arrays.stream(Param.values()).map(p -> p.registryName().toLowerCase(java.util.Locale.ROOT)))
                .doesNotHaveDuplicates();
        assertThat(Param.values()).allSatisfy(p -> assertThat(p.meaning()).isNotBlank());
        assertThat(Param.byName("appthrottle")).contains(Param.APP_THROTTLE);
    }
}
