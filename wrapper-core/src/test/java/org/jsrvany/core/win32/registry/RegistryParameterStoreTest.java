package org.jsrvany.core.win32.registry;

import org.jsrvany.core.win32.Win32CallException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.jsrvany.core.config.StoredParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one store of a service's parameters against an in-memory registry: reading (types, names,
 * AppExit, what is ignored and why), writing, and the loader's view of what was read.
 */
class RegistryParameterStoreTest {
    private static final String SERVICE = "My Service";
    private static final String PARAMETERS = "SYSTEM\\CurrentControlSet\\Services\\My Service\\Parameters";
    private static final String APP_EXIT = PARAMETERS + "\\AppExit";

    private final MemoryRegistry registry = new MemoryRegistry();
    private final RegistryParameterStore store = new RegistryParameterStore(registry);
    private final List<String> loaderWarnings = new ArrayList<>();

    @TempDir
    Path temp;

    private Map<String, RegistryValue> key(String path) {
        return registry.key(path);
    }

    private StoredParameters read() {
        return store.read(SERVICE);
    }

    private List<String> warnings(StoredParameters stored) {
        return stored.ignoredValues(store.describe(SERVICE));
    }

    private ServiceConfig load(StoredParameters stored) throws ConfigException {
        return new ConfigLoader(Map.of("HOME", "/home/svc", "PATH", "/usr/bin"), false, loaderWarnings::add)
                .load(SERVICE, stored.toSource(store.describe(SERVICE)));
    }

    private static Optional<RawValue> value(StoredParameters stored, Param p) {
        return Optional.ofNullable(stored.values().get(p));
    }

    /** A program file the loader accepts on this OS (executable on POSIX). */
    private Path program() throws java.io.IOException {
        Path app = Files.createFile(temp.resolve("app"));
        app.toFile().setExecutable(true);
        return app;
    }

    @Test
    void theKeyPathIsTheServicesParametersKey() {
        assertThat(RegistryParameterStore.parametersKey(SERVICE)).isEqualTo(PARAMETERS);
        assertThat(store.describe(SERVICE)).isEqualTo("HKLM\\" + PARAMETERS);
        assertThat(read().toSource("x").typed()).isTrue();
        assertThat(read().toSource("x").baseDirectory()).isEmpty();
    }

    @Test
    void eachRegistryTypeBecomesItsRawValue() {
        assertThat(RegistryParameterStore.raw(new RegistryValue.Sz("%HOME%\\x")))
                .contains(new RawValue.Text("%HOME%\\x", false));
        assertThat(RegistryParameterStore.raw(new RegistryValue.ExpandSz("%HOME%\\x")))
                .contains(new RawValue.Text("%HOME%\\x", true));
        assertThat(RegistryParameterStore.raw(new RegistryValue.Sz(""))).contains(new RawValue.Text("", false));
        assertThat(RegistryParameterStore.raw(new RegistryValue.MultiSz(List.of("A=1", "B=2"))))
                .contains(new RawValue.MultiText(List.of("A=1", "B=2")));
        assertThat(RegistryParameterStore.raw(new RegistryValue.MultiSz(List.of())))
                .contains(new RawValue.MultiText(List.of()));
        assertThat(RegistryParameterStore.raw(new RegistryValue.Dword(1500))).contains(new RawValue.Dword(1500));
        assertThat(RegistryParameterStore.raw(new RegistryValue.Dword(0xFFFFFFFF)))
                .as("DWORDs are unsigned").contains(new RawValue.Dword(4294967295L));
        assertThat(RegistryParameterStore.raw(new RegistryValue.Qword(5))).isEmpty();
        assertThat(RegistryParameterStore.raw(new RegistryValue.Other(3, new byte[] {1}))).isEmpty();
    }

    @Test
    void valuesAreFoundByTheirTableNameCaseInsensitively() {
        key(PARAMETERS).put("application", new RegistryValue.Sz("C:\\app.exe"));
        key(PARAMETERS).put("APPTHROTTLE", new RegistryValue.Dword(2500));
        key(PARAMETERS).put("AppEnvironmentExtra", new RegistryValue.MultiSz(List.of("A=1")));
        key(PARAMETERS).put("AppDirectory", new RegistryValue.ExpandSz("%SystemRoot%"));
        StoredParameters source = read();
        assertThat(value(source, Param.APPLICATION)).contains(new RawValue.Text("C:\\app.exe", false));
        assertThat(value(source, Param.APP_THROTTLE)).contains(new RawValue.Dword(2500));
        assertThat(value(source, Param.APP_ENVIRONMENT_EXTRA)).contains(new RawValue.MultiText(List.of("A=1")));
        assertThat(value(source, Param.APP_DIRECTORY)).contains(new RawValue.Text("%SystemRoot%", true));
        assertThat(value(source, Param.APP_PARAMETERS)).isEmpty();
        assertThat(warnings(source)).isEmpty();
        assertThat(source.foreign()).isEmpty();
    }

    @Test
    void appExitDefaultIsTheEmptyNameAndCodesKeepTheirNames() {
        key(PARAMETERS).put("Application", new RegistryValue.Sz("C:\\app.exe"));
        key(APP_EXIT).put("", new RegistryValue.Sz("Exit"));
        key(APP_EXIT).put("3", new RegistryValue.Sz("Suicide"));
        key(APP_EXIT).put("7", new RegistryValue.ExpandSz("Ignore"));
        key(APP_EXIT).put("9", new RegistryValue.Dword(1));
        StoredParameters source = read();
        assertThat(source.exitActions()).containsExactly(entry("", "Exit"), entry("3", "Suicide"), entry("7", "Ignore"));
        assertThat(warnings(source)).singleElement().asString()
                .contains("'9'", "AppExit", "REG_DWORD", "ignored", "REG_SZ");
    }

    @Test
    void aMissingParametersKeyHoldsNothingAndTheLoaderSaysApplicationIsNotSet() {
        StoredParameters source = read();
        assertThat(source.exitActions()).isEmpty();
        for (Param p : Param.values()) {
            assertThat(value(source, p)).isEmpty();
        }
        assertThat(source.keyExists()).isFalse();
        assertThatThrownBy(() -> load(source)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).singleElement().asString()
                        .startsWith("Application is not set in HKLM\\" + PARAMETERS)
                        .contains("full path"));
    }

    @Test
    void unknownNamesAreWarningsWithAHintNotErrors() throws Exception {
        Path app = program();
        key(PARAMETERS).put("Application", new RegistryValue.Sz(app.toString()));
        key(PARAMETERS).put("AppRotateDelay", new RegistryValue.ExpandSz("NUL")); // NSSM 2.25's, not read
        key(PARAMETERS).put("AppThrotle", new RegistryValue.Dword(10));
        key(PARAMETERS).put("", new RegistryValue.Sz("default value"));
        StoredParameters source = read();
        assertThat(warnings(source)).hasSize(3);
        assertThat(warnings(source).get(0)).contains("'AppRotateDelay'", "not a jsrvany parameter", "ignored");
        assertThat(warnings(source).get(1)).contains("'AppThrotle'", "did you mean AppThrottle?");
        assertThat(warnings(source).get(2)).contains("(Default)");
        assertThat(load(source).application()).isEqualTo(app);
    }

    @Test
    void unreadableTypesAreIgnoredWithTheDefault() throws Exception {
        Path app = program();
        key(PARAMETERS).put("Application", new RegistryValue.Sz(app.toString()));
        key(PARAMETERS).put("AppThrottle", new RegistryValue.Qword(5000));
        key(PARAMETERS).put("AppExit", new RegistryValue.Sz("Exit"));
        StoredParameters source = read();
        assertThat(value(source, Param.APP_THROTTLE)).isEmpty();
        assertThat(warnings(source)).hasSize(2);
        assertThat(warnings(source).get(0)).contains("AppThrottle", "REG_QWORD", "default 1500", "REG_DWORD");
        assertThat(warnings(source).get(1)).contains("'AppExit'", "subkey");
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
                loaderWarnings::add).load(SERVICE, read().toSource(store.describe(SERVICE)));
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
        MemoryRegistry denying = new MemoryRegistry() {
            @Override
            public Map<String, RegistryValue> values(String path) {
                throw new Win32CallException("RegOpenKeyExW(HKLM\\" + path + ")", 5, "Access is denied.");
            }
        };
        denying.key(PARAMETERS);
        assertThatThrownBy(() -> new RegistryParameterStore(denying).read(SERVICE))
                .isInstanceOf(Win32CallException.class)
                .satisfies(e -> assertThat(((Win32CallException) e).errorCode()).isEqualTo(5));
    }

    @Test
    void registryTypesMapToRawValuesAndBack() {
        List<RawValue> raws = List.of(new RawValue.Text("C:\\x", false), new RawValue.Text("%X%\\y", true),
                new RawValue.MultiText(List.of("A=1", "B=2")), new RawValue.Dword(0xFFFF_FFFFL), new RawValue.Dword(0));
        for (RawValue raw : raws) {
            assertThat(RegistryParameterStore.raw(RegistryParameterStore.registryValue(raw))).contains(raw);
        }
        assertThat(RegistryParameterStore.registryValue(new RawValue.Text("%X%", true))).isEqualTo(new RegistryValue.ExpandSz("%X%"));
        assertThat(RegistryParameterStore.registryValue(new RawValue.Dword(0xFFFF_FFFFL))).isEqualTo(new RegistryValue.Dword(-1));
    }

    @Test
    void writesGoWhereTheReaderLooksAndKeepForeignValues() {
        key(PARAMETERS).put("AppRotateDelay", new RegistryValue.ExpandSz("NUL"));
        store.write(SERVICE, Param.APP_THROTTLE, new RawValue.Dword(2500));
        store.write(SERVICE, Param.APP_DIRECTORY, new RawValue.Text("%ProgramFiles%\\app", true));
        store.writeExitActions(SERVICE, Map.of("", "Exit", "3", "Restart"));
        StoredParameters stored = read();
        assertThat(stored.values()).containsEntry(Param.APP_THROTTLE, new RawValue.Dword(2500))
                .containsEntry(Param.APP_DIRECTORY, new RawValue.Text("%ProgramFiles%\\app", true));
        assertThat(stored.exitActions()).containsEntry("", "Exit").containsEntry("3", "Restart");
        assertThat(stored.foreign()).containsEntry("AppRotateDelay", "REG_EXPAND_SZ");

        store.delete(SERVICE, Param.APP_THROTTLE);
        store.writeExitActions(SERVICE, Map.of());
        assertThat(read().values()).doesNotContainKey(Param.APP_THROTTLE);
        assertThat(read().exitActions()).isEmpty();
        assertThat(registry.keyExists(APP_EXIT)).as("an empty AppExit table removes the subkey").isFalse();

        store.deleteAll(SERVICE);
        assertThat(read().keyExists()).isFalse();
    }

    @Test
    void otherSubkeysAreForeignAndNamedInTheWarnings() {
        key(PARAMETERS + "\\SomeToolsSettings");
        StoredParameters stored = read();
        assertThat(stored.foreign()).containsEntry("SomeToolsSettings", StoredParameters.SUBKEY);
        assertThat(warnings(stored)).singleElement().asString().contains("'SomeToolsSettings'", "subkey", "not a jsrvany parameter");
    }
}
