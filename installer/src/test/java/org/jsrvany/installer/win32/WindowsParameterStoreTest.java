package org.jsrvany.installer.win32;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.win32.RegistryValue;
import org.junit.jupiter.api.Test;

/** The mapping between registry values and the table's raw values, both ways. */
class WindowsParameterStoreTest {
    @Test
    void registryTypesMapToRawValuesAndBack() {
        List<RawValue> raws = List.of(new RawValue.Text("C:\\x", false), new RawValue.Text("%X%\\y", true),
                new RawValue.MultiText(List.of("A=1", "B=2")), new RawValue.Dword(0xFFFF_FFFFL), new RawValue.Dword(0));
        for (RawValue raw : raws) {
            assertThat(WindowsParameterStore.raw(WindowsParameterStore.registryValue(raw))).contains(raw);
        }
        assertThat(WindowsParameterStore.registryValue(new RawValue.Text("%X%", true))).isEqualTo(new RegistryValue.ExpandSz("%X%"));
        assertThat(WindowsParameterStore.registryValue(new RawValue.Dword(0xFFFF_FFFFL))).isEqualTo(new RegistryValue.Dword(-1));
        assertThat(WindowsParameterStore.raw(new RegistryValue.Qword(1))).isEmpty();
        assertThat(WindowsParameterStore.raw(new RegistryValue.Other(3, new byte[] {1}))).isEmpty();
    }

    @Test
    void theKeyIsTheServicesParametersKey() {
        assertThat(WindowsParameterStore.key("My App")).isEqualTo("SYSTEM\\CurrentControlSet\\Services\\My App\\Parameters");
    }
}
