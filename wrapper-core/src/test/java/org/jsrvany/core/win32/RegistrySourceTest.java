package org.jsrvany.core.win32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.ServiceConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping from registry values to raw parameter values, against an in-memory registry. */
class RegistrySourceTest {
    private static final String SERVICE = "My Service";
    private static final String PARAMETERS = "SYSTEM\\CurrentControlSet\\Services\\My Service\\Parameters";
    private static final String APP_EXIT = PARAMETERS + "\\AppExit";

    /** Keys by path, each an ordered map of values: what RegistryKeyAccess would return. */
    private final Map<String, Map<String, RegistryValue>> registry = new HashMap<>();
    private final List<String> loaderWarnings = new ArrayList<>();

    @TempDir
    Path temp;

    private RegistrySource.KeyReader reader() {
        return path -> Optional.ofNullable(registry.get(path));
    }

    private Map<String, RegistryValue> key(String path) {
        return registry.computeIfAbsent(path, p -> new LinkedHashMap<>());
    }

    private RegistrySource read() {
        return RegistrySource.read(SERVICE, reader());
    }

    private ServiceConfig load(RegistrySource source) throws ConfigException {
        return new ConfigLoader(Map.of("HOME", "/home/svc", "PATH", "/usr/bin"), false, loaderWarnings::add)
                .load(SERVICE, source);
    }

    /** A program file the loader accepts on this OS (executable on POSIX). */
    private Path program() throws java.io.IOException {
        Path app = Files.createFile(temp.resolve("app"));
        app.toFile().setExecutable(true);
        return app;
    }

    @Test
    void theKeyPathIsTheServicesParametersKey() {
        assertThat(RegistrySource.parametersKey(SERVICE)).isEqualTo(PARAMETERS);
        assertThat(read().describe()).isEqualTo("HKLM\\" + PARAMETERS);
        assertThat(read().typed()).isTrue();
        assertThat(read().baseDirectory()).isEmpty();
    }

    @Test
    void eachRegistryTypeBecomesItsRawValue() {
        assertThat(RegistrySource.toRawValue(new RegistryValue.Sz("%HOME%\\x")))
                .contains(new RawValue.Text("%HOME%\\x", false));
        assertThat(RegistrySource.toRawValue(new RegistryValue.ExpandSz("%HOME%\\x")))
                .contains(new RawValue.Text("%HOME%\\x", true));
        assertThat(RegistrySource.toRawValue(new RegistryValue.Sz(""))).contains(new RawValue.Text("", false));
        assertThat(RegistrySource.toRawValue(new RegistryValue.MultiSz(List.of("A=1", "B=2"))))
                .contains(new RawValue.MultiText(List.of("A=1", "B=2")));
        assertThat(RegistrySource.toRawValue(new RegistryValue.MultiSz(List.of())))
                .contains(new RawValue.MultiText(List.of()));
        assertThat(RegistrySource.toRawValue(new RegistryValue.Dword(1500))).contains(new RawValue.Dword(1500));
        assertThat(RegistrySource.toRawValue(new RegistryValue.Dword(0xFFFFFFFF)))
                .as("DWORDs are unsigned").contains(new RawValue.Dword(4294967295L));
        assertThat(RegistrySource.toRawValue(new RegistryValue.Qword(5))).isEmpty();
        assertThat(RegistrySource.toRawValue(new RegistryValue.Other(3, new byte[] {1}))).isEmpty();
    }

    @Test
    void valuesAreFoundByTheirTableNameCaseInsensitively() {
        key(PARAMETERS).put("application", new RegistryValue.Sz("C:\\app.exe"));
        key(PARAMETERS).put("APPTHROTTLE", new RegistryValue.Dword(2500));
        key(PARAMETERS).put("AppEnvironmentExtra", new RegistryValue.MultiSz(List.of("A=1")));
        key(PARAMETERS).put("AppDirectory", new RegistryValue.ExpandSz("%SystemRoot%"));
        RegistrySource source = read();
        assertThat(source.value(Param.APPLICATION)).contains(new RawValue.Text("C:\\app.exe", false));
        assertThat(source.value(Param.APP_THROTTLE)).contains(new RawValue.Dword(2500));
        assertThat(source.value(Param.APP_ENVIRONMENT_EXTRA)).contains(new RawValue.MultiText(List.of("A=1")));
        assertThat(source.value(Param.APP_DIRECTORY)).contains(new RawValue.Text("%SystemRoot%", true));
        assertThat(source.value(Param.APP_PARAMETERS)).isEmpty();
        assertThat(source.warnings()).isEmpty();
        assertThat(source.unknownNames()).isEmpty();
    }

    @Test
    void appExitDefaultIsTheEmptyNameAndCodesKeepTheirNames() {
        key(PARAMETERS).put("Application", new RegistryValue.Sz("C:\\app.exe"));
        key(APP_EXIT).put("", new RegistryValue.Sz("Exit"));
        key(APP_EXIT).put("3", new RegistryValue.Sz("Suicide"));
        key(APP_EXIT).put("7", new RegistryValue.ExpandSz("Ignore"));
        key(APP_EXIT).put("9", new RegistryValue.Dword(1));
        RegistrySource source = read();
        assertThat(source.exitActions()).containsExactly(entry("", "Exit"), entry("3", "Suicide"), entry("7", "Ignore"));
        assertThat(source.warnings()).singleElement().asString()
                .contains("'9'", "AppExit", "REG_DWORD", "ignored", "REG_SZ");
    }

    @Test
    void aMissingParametersKeyHoldsNothingAndTheLoaderSaysApplicationIsNotSet() {
        RegistrySource source = read();
        assertThat(source.exitActions()).isEmpty();
        for (Param p : Param.values()) {
            assertThat(source.value(p)).isEmpty();
        }
        assertThatThrownBy(() -> load(source)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
                        .startsWith("Application is not set in HKLM\\" + PARAMETERS)
                        .contains("full path"));
    }

    @Test
    void unknownNamesAreWarningsWithAHintNotErrors() throws Exception {
        Path app = program();
        key(PARAMETERS).put("Application", new RegistryValue.Sz(app.toString()));
        key(PARAMETERS).put("AppStdin", new RegistryValue.ExpandSz("NUL")); // NSSM's, not read (yet)
        key(PARAMETERS).put("AppThrotle", new RegistryValue.Dword(10));
        key(PARAMETERS).put("", new RegistryValue.Sz("default value"));
        RegistrySource source = read();
        assertThat(source.warnings()).hasSize(3);
        assertThat(source.warnings().get(0)).contains("'AppStdin'", "not a jsrvany parameter", "ignored");
        assertThat(source.warnings().get(1)).contains("'AppThrotle'", "did you mean AppThrottle?");
        assertThat(source.warnings().get(2)).contains("(Default)");
        assertThat(load(source).application()).isEqualTo(app);
    }

    @Test
    void unreadableTypesAreIgnoredWithTheDefault() throws Exception {
        Path app = program();
        key(PARAMETERS).put("Application", new RegistryValue.Sz(app.toString()));
        key(PARAMETERS).put("AppThrottle", new RegistryValue.Qword(5000));
        key(PARAMETERS).put("AppExit", new RegistryValue.Sz("Exit"));
        RegistrySource source = read();
        assertThat(source.value(Param.APP_THROTTLE)).isEmpty();
        assertThat(source.warnings()).hasSize(2);
        assertThat(source.warnings().get(0)).contains("AppThrottle", "REG_QWORD", "default 1500", "REG_DWORD");
        assertThat(source.warnings().get(1)).contains("'AppExit'", "subkey");
        ServiceConfig config = load(source);
        assertThat(config.throttle()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.exitActions().defaultAction()).isEqualTo(ExitAction.RESTART);
    }

    @Test
    void onlyExpandStringsAreExpandedAndWrongTypesFallBackWithAWarning() throws Exception {
        Path app = program();
        key(PARAMETERS).put("Application", new RegistryValue.Sz(app.toString()));
        key(PARAMETERS).put("AppParameters", new RegistryValue.Sz("--home %HOME%"));
        key(PARAMETERS).put("AppDirectory", new RegistryValue.ExpandSz("%TEMPDIR%"));
        key(PARAMETERS).put("AppEnvironmentExtra", new RegistryValue.MultiSz(List.of("X=%HOME%/x")));
        key(PARAMETERS).put("AppThrottle", new RegistryValue.Sz("5000"));
        key(PARAMETERS).put("AppRestartDelay", new RegistryValue.Dword(250));
        key(APP_EXIT).put("", new RegistryValue.Sz("Exit"));
        key(APP_EXIT).put("3", new RegistryValue.Sz("Restart"));
        ServiceConfig config = new ConfigLoader(Map.of("HOME", "/home/svc", "TEMPDIR", temp.toString()), false,
                loaderWarnings::add).load(SERVICE, read());
        assertThat(config.parameters()).as("REG_SZ is not expanded").isEqualTo("--home %HOME%");
        assertThat(config.directory()).as("REG_EXPAND_SZ is expanded").isEqualTo(temp);
        assertThat(config.environment()).containsEntry("X", "/home/svc/x");
        assertThat(config.throttle()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.restartDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.exitActions().defaultAction()).isEqualTo(ExitAction.EXIT);
        assertThat(config.exitActions().byCode()).containsEntry(3, ExitAction.RESTART);
        assertThat(loaderWarnings).singleElement().asString()
                .contains("AppThrottle", "REG_SZ", "REG_DWORD", "default 1500");
    }

    @Test
    void aKeyThatCannotBeReadIsNotTakenForAMissingOne() {
        RegistrySource.KeyReader failing = path -> {
            throw new Win32Exception("RegOpenKeyExW(HKLM\\" + path + ")", 5, "Access is denied.");
        };
        assertThatThrownBy(() -> RegistrySource.read(SERVICE, failing))
                .isInstanceOf(Win32Exception.class)
                .satisfies(e -> assertThat(((Win32Exception) e).errorCode()).isEqualTo(5));
    }
}
