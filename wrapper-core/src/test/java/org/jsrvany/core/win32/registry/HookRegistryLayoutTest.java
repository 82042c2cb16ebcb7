package org.jsrvany.core.win32.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.config.StoredParameters;
import org.junit.jupiter.api.Test;

/** NSSM's hook layout: {@code Parameters\AppEvents\<Event>} subkeys, one REG_EXPAND_SZ value per action. */
class HookRegistryLayoutTest {
    private static final String PARAMETERS = "SYSTEM\\CurrentControlSet\\Services\\Svc\\Parameters";

    private final MemoryRegistry registry = new MemoryRegistry();
    private final RegistryParameterStore store = new RegistryParameterStore(registry);

    @Test
    void hooksAreReadAndWrittenWhereNssmKeepsThem() {
        registry.key(PARAMETERS + "\\AppEvents\\Start").put("Pre", new RegistryValue.ExpandSz("C:\\hooks\\pre.cmd"));
        registry.key(PARAMETERS + "\\AppEvents\\Power").put("Change", new RegistryValue.ExpandSz("C:\\hooks\\power.cmd"));
        registry.key(PARAMETERS + "\\AppEvents\\Boot").put("Pre", new RegistryValue.ExpandSz("C:\\hooks\\boot.cmd"));
        StoredParameters stored = store.read("Svc");
        assertThat(stored.values()).containsEntry(Param.APP_EVENTS_START_PRE, new RawValue.Text("C:\\hooks\\pre.cmd", true));
        assertThat(stored.values()).containsEntry(Param.APP_EVENTS_POWER_CHANGE, new RawValue.Text("C:\\hooks\\power.cmd", true));
        assertThat(stored.foreign()).as("a hook name jsrvany does not know is kept, named")
                .containsEntry("AppEvents\\Boot\\Pre", "REG_EXPAND_SZ");

        store.write("Svc", Param.APP_EVENTS_EXIT_POST, new RawValue.Text("C:\\hooks\\exit.cmd %X%", true));
        assertThat(registry.key(PARAMETERS + "\\AppEvents\\Exit")).containsEntry("Post", new RegistryValue.ExpandSz("C:\\hooks\\exit.cmd %X%"));
        assertThat(registry.key(PARAMETERS)).doesNotContainKey("AppEvents\\Exit\\Post");
        assertThat(store.read("Svc").values()).containsKey(Param.APP_EVENTS_EXIT_POST);

        store.delete("Svc", Param.APP_EVENTS_START_PRE);
        assertThat(store.read("Svc").values()).doesNotContainKey(Param.APP_EVENTS_START_PRE);
    }

    @Test
    void hookNamesAsNssmsCommandLineAndAPropertiesFileWriteThem() {
        assertThat(Param.byName("AppEvents\\Start\\Pre")).contains(Param.APP_EVENTS_START_PRE);
        assertThat(Param.byName("appevents/exit/post")).contains(Param.APP_EVENTS_EXIT_POST);
        assertThat(Param.byName("AppEvents.Stop.Pre")).contains(Param.APP_EVENTS_STOP_PRE);
        assertThat(Param.APP_EVENTS_START_POST.propertiesName()).isEqualTo("AppEvents.Start.Post");
        assertThat(Param.APP_THROTTLE.propertiesName()).isEqualTo("AppThrottle");
        assertThat(Param.byName("AppThrottle.x")).isEmpty();
    }
}
