package org.jsrvany.core.win32.registry;

import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.win32.WindowsTestSupport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinReg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Round trip of every value type the parameter table uses, under a throw-away service key in
 * HKLM. jna-platform's {@code Advapi32Util} serves as the independent second reader and writer,
 * so that a type mistake in our codec cannot hide behind a symmetric one.
 */
@Tag("windows")
@EnabledOnOs(OS.WINDOWS)
@Timeout(60)
class RegistryKeyAccessWindowsIT {
    private static final WinReg.HKEY HKLM = WinReg.HKEY_LOCAL_MACHINE;
    private static final String UNICODE = "ünïcødé ✓ 中文 \uD83D\uDE00";

    private final RegistryKeyAccess registry = RegistryKeyAccess.localMachine();
    private String serviceKey;
    private String parameters;

    @BeforeEach
    void throwAwayKey() {
        WindowsTestSupport.assumeElevated();
        serviceKey = "SYSTEM\\CurrentControlSet\\Services\\" + WindowsTestSupport.uniqueName("jsrvany-test");
        parameters = serviceKey + "\\Parameters";
        registry.createKey(parameters);
    }

    @AfterEach
    void deleteKey() {
        if (serviceKey != null) {
            registry.deleteTree(serviceKey);
            assertThat(registry.keyExists(serviceKey)).as("throw-away key deleted").isFalse();
        }
    }

    @Test
    void everyParameterTypeRoundTrips() {
        Map<String, RegistryValue> written = Map.of(
                "Application", new RegistryValue.Sz("C:\\Program Files\\My App\\app.exe"),
                "AppParameters", new RegistryValue.Sz(""),
                "AppDirectory", new RegistryValue.ExpandSz("%SystemRoot%\\Temp"),
                "AppEnvironmentExtra", new RegistryValue.MultiSz(List.of("A=1", "UNI=" + UNICODE, "PATH=C:\\bin;%PATH%")),
                "AppEnvironment", new RegistryValue.MultiSz(List.of()),
                "AppThrottle", new RegistryValue.Dword(1500),
                "AppRotateBytes", new RegistryValue.Dword(0xFFFFFFFF));
        written.forEach((name, value) -> registry.setValue(parameters, name, value));
        registry.createKey(parameters + "\\AppExit");
        registry.setValue(parameters + "\\AppExit", "", new RegistryValue.Sz("Restart"));
        registry.setValue(parameters + "\\AppExit", "3", new RegistryValue.Sz("Exit"));

        assertThat(registry.values(parameters)).containsExactlyInAnyOrderEntriesOf(written);
        assertThat(registry.subKeyNames(parameters)).containsExactly("AppExit");
        assertThat(registry.values(parameters + "\\AppExit")).containsOnly(
                entry("", new RegistryValue.Sz("Restart")), entry("3", new RegistryValue.Sz("Exit")));
        assertThat(registry.value(parameters, "AppDirectory"))
                .contains(new RegistryValue.ExpandSz("%SystemRoot%\\Temp"));

        // The independent reader sees the same types: each typed getter throws on another type.
        assertThat(Advapi32Util.registryGetStringValue(HKLM, parameters, "Application"))
                .isEqualTo("C:\\Program Files\\My App\\app.exe");
        assertThat(Advapi32Util.registryGetExpandableStringValue(HKLM, parameters, "AppDirectory"))
                .as("REG_EXPAND_SZ is stored raw, not expanded").isEqualTo("%SystemRoot%\\Temp");
        assertThat(Advapi32Util.registryGetStringArray(HKLM, parameters, "AppEnvironmentExtra"))
                .containsExactly("A=1", "UNI=" + UNICODE, "PATH=C:\\bin;%PATH%");
        assertThat(Advapi32Util.registryGetStringArray(HKLM, parameters, "AppEnvironment")).isEmpty();
        assertThat(Advapi32Util.registryGetIntValue(HKLM, parameters, "AppThrottle")).isEqualTo(1500);
        assertThat(Advapi32Util.registryGetIntValue(HKLM, parameters, "AppRotateBytes")).isEqualTo(-1);
        assertThat(Advapi32Util.registryGetStringValue(HKLM, parameters + "\\AppExit", "3")).isEqualTo("Exit");
    }

    @Test
    void readsWhatAnotherWriterStored() {
        Advapi32Util.registrySetStringValue(HKLM, parameters, "EmptySz", "");
        Advapi32Util.registrySetStringValue(HKLM, parameters, "Sz", UNICODE);
        Advapi32Util.registrySetExpandableStringValue(HKLM, parameters, "ExpandSz", "%TEMP%\\x");
        Advapi32Util.registrySetStringArray(HKLM, parameters, "MultiSz", new String[] {"a", UNICODE});
        Advapi32Util.registrySetStringArray(HKLM, parameters, "EmptyMultiSz", new String[0]);
        Advapi32Util.registrySetIntValue(HKLM, parameters, "Dword", 42);

        assertThat(registry.values(parameters)).containsOnly(
                entry("EmptySz", new RegistryValue.Sz("")),
                entry("Sz", new RegistryValue.Sz(UNICODE)),
                entry("ExpandSz", new RegistryValue.ExpandSz("%TEMP%\\x")),
                entry("MultiSz", new RegistryValue.MultiSz(List.of("a", UNICODE))),
                entry("EmptyMultiSz", new RegistryValue.MultiSz(List.of())),
                entry("Dword", new RegistryValue.Dword(42)));
    }

    @Test
    void emptyStringRoundTripsAsEmptyNotMissing() {
        registry.setValue(parameters, "AppParameters", new RegistryValue.Sz(""));

        assertThat(registry.value(parameters, "AppParameters")).contains(new RegistryValue.Sz(""));
        assertThat(Advapi32Util.registryGetStringValue(HKLM, parameters, "AppParameters")).isEmpty();
    }

    @Test
    void emptyStringStoredWithoutAnyBytesReadsAsEmpty() {
        // Some writers store an empty REG_SZ as zero bytes, without the terminating NUL.
        registry.setValue(parameters, "NoBytes", new RegistryValue.Other(RegistryCodec.REG_SZ, new byte[0]));

        assertThat(registry.value(parameters, "NoBytes")).contains(new RegistryValue.Sz(""));
        assertThat(registry.values(parameters)).containsEntry("NoBytes", new RegistryValue.Sz(""));
        // jna-platform's generic reader gives char[0] for it, not "": one reason we decode ourselves.
        assertThat(Advapi32Util.registryGetValues(HKLM, parameters).get("NoBytes")).isEqualTo(new char[0]);
    }

    @Test
    void missingValuesKeysAndDeletes() {
        registry.setValue(parameters, "Gone", new RegistryValue.Dword(1));

        assertThat(registry.deleteValue(parameters, "Gone")).isTrue();
        assertThat(registry.deleteValue(parameters, "Gone")).isFalse();
        assertThat(registry.value(parameters, "Gone")).isEmpty();
        assertThat(registry.keyExists(parameters + "\\Nope")).isFalse();
        assertThatThrownBy(() -> registry.values(parameters + "\\Nope"))
                .isInstanceOfSatisfying(Win32CallException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(2); // ERROR_FILE_NOT_FOUND
                    assertThat(e.call()).isEqualTo("RegOpenKeyExW(HKLM\\" + parameters + "\\Nope)");
                })
                .hasMessageContaining("failed: error 2");
        assertThat(registry.deleteTree(parameters + "\\Nope")).isFalse();
    }
}
