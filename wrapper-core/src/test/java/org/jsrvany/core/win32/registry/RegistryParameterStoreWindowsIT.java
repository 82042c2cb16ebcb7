package org.jsrvany.core.win32.registry;

import org.jsrvany.core.win32.WindowsTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.StoredParameters;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** The real registry reader behind {@link RegistryParameterStore}, on a throw-away service key in HKLM. */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(60)
class RegistryParameterStoreWindowsIT {
    private final RegistryKeyAccess registry = RegistryKeyAccess.localMachine();
    private String name;
    private String serviceKey;

    @BeforeEach
    void throwAwayName() {
        WindowsTestSupport.assumeElevated();
        name = WindowsTestSupport.uniqueName("jsrvany-test");
        serviceKey = RegistryParameterStore.serviceKey(name);
    }

    @AfterEach
    void deleteKey() {
        if (serviceKey != null) {
            registry.deleteTree(serviceKey);
            assertThat(registry.keyExists(serviceKey)).as("throw-away key deleted").isFalse();
        }
    }

    @Test
    void readsEveryTypeAndTheAppExitSubkey() {
        String parameters = RegistryParameterStore.parametersKey(name);
        registry.createKey(parameters);
        registry.setValue(parameters, "Application", new RegistryValue.Sz("C:\\Program Files\\My App\\app.exe"));
        registry.setValue(parameters, "AppParameters", new RegistryValue.Sz(""));
        registry.setValue(parameters, "AppDirectory", new RegistryValue.ExpandSz("%SystemRoot%\\Temp"));
        registry.setValue(parameters, "AppEnvironmentExtra", new RegistryValue.MultiSz(List.of("A=1", "B=%A%")));
        registry.setValue(parameters, "AppEnvironment", new RegistryValue.MultiSz(List.of()));
        registry.setValue(parameters, "AppRotateBytes", new RegistryValue.Dword(0xFFFFFFFF));
        registry.setValue(parameters, "AppRotateDelay", new RegistryValue.Sz("NUL"));
        registry.createKey(parameters + "\\AppExit");
        registry.setValue(parameters + "\\AppExit", "", new RegistryValue.Sz("Restart"));
        registry.setValue(parameters + "\\AppExit", "3", new RegistryValue.Sz("Exit"));

        StoredParameters source = RegistryParameterStore.localMachine().read(name);

        assertThat(RegistryParameterStore.localMachine().describe(name)).isEqualTo("HKLM\\SYSTEM\\CurrentControlSet\\Services\\" + name + "\\Parameters");
        assertThat(Optional.ofNullable(source.values().get(Param.APPLICATION))).contains(new RawValue.Text("C:\\Program Files\\My App\\app.exe", false));
        assertThat(Optional.ofNullable(source.values().get(Param.APP_PARAMETERS))).as("an empty REG_SZ").contains(new RawValue.Text("", false));
        assertThat(Optional.ofNullable(source.values().get(Param.APP_DIRECTORY))).as("REG_EXPAND_SZ, raw")
                .contains(new RawValue.Text("%SystemRoot%\\Temp", true));
        assertThat(Optional.ofNullable(source.values().get(Param.APP_ENVIRONMENT_EXTRA))).contains(new RawValue.MultiText(List.of("A=1", "B=%A%")));
        assertThat(Optional.ofNullable(source.values().get(Param.APP_ENVIRONMENT))).contains(new RawValue.MultiText(List.of()));
        assertThat(Optional.ofNullable(source.values().get(Param.APP_ROTATE_BYTES))).contains(new RawValue.Dword(4294967295L));
        assertThat(source.exitActions()).containsOnly(entry("", "Restart"), entry("3", "Exit"));
        assertThat(source.ignoredValues("the key")).singleElement().asString().contains("'AppRotateDelay'", "ignored");
    }

    @Test
    void aServiceWithoutParametersKeyHasNoValues() {
        registry.createKey(serviceKey);
        StoredParameters source = RegistryParameterStore.localMachine().read(name);
        assertThat(Optional.ofNullable(source.values().get(Param.APPLICATION))).isEmpty();
        assertThat(source.exitActions()).isEmpty();
        assertThat(source.ignoredValues("the key")).isEmpty();
        assertThat(RegistryParameterStore.localMachine().read(name + "-absent").values().get(Param.APPLICATION)).as("no service key at all").isNull();
    }
}
