package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.junit.jupiter.api.Test;

/** Hooks through the installer: --hook, get/set by NSSM's names, dump and install --config round trips. */
class HookOptionsTest extends HarnessTest {
    @Test
    void installSetsHooksAndGetSetAndDumpUseTheirNames() throws IOException {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--hook", "Start/Pre=C:\\hooks\\pre.cmd --check",
                "--hook", "exit/post=C:\\hooks\\exit.cmd", "--hook-timeout", "30s");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.store.key("MyApp").values)
                .containsEntry(Param.APP_EVENTS_START_PRE, new RawValue.Text("C:\\hooks\\pre.cmd --check", true))
                .containsEntry(Param.APP_EVENTS_EXIT_POST, new RawValue.Text("C:\\hooks\\exit.cmd", true))
                .containsEntry(Param.APP_HOOK_TIMEOUT, new RawValue.Dword(30_000));
        assertThat(h.run("get", "MyApp", "AppEvents/Start/Pre").out().strip()).isEqualTo("C:\\hooks\\pre.cmd --check");
        assertThat(h.run("set", "MyApp", "AppEvents\\Stop\\Pre", "C:\\hooks\\stop.cmd").exit()).isZero();
        assertThat(h.store.key("MyApp").values).containsKey(Param.APP_EVENTS_STOP_PRE);

        Harness.Result dump = h.run("dump", "MyApp", "--format", "properties");
        assertThat(dump.out()).contains("AppEvents.Start.Pre=C:\\\\hooks\\\\pre.cmd --check");
        Path file = temp.resolve("svc.properties");
        Files.writeString(file, dump.out(), StandardCharsets.UTF_8);
        assertThat(h.run("install", "MyApp", "--config", file.toString()).exit()).isEqualTo(Exit.NO_CHANGE.code());
        assertThat(h.run("dump", "MyApp", "--format", "reg").out())
                .contains("\\Parameters\\AppEvents\\Start]").contains("\"Pre\"=hex(2):");
    }

    @Test
    void redirectHookIsAFlagWithNssmsNameInGetSetAndDump() throws IOException {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--stdout", "C:\\logs\\out.log", "--redirect-hook");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(h.store.key("MyApp").values).containsEntry(Param.APP_REDIRECT_HOOK, new RawValue.Dword(1));
        assertThat(h.run("get", "MyApp", "AppRedirectHook").out().strip()).isEqualTo("1");
        assertThat(h.run("dump", "MyApp", "--format", "properties").out()).contains("AppRedirectHook=1");
        assertThat(h.run("set", "MyApp", "AppRedirectHook", "0").exit()).isZero();
        assertThat(h.store.key("MyApp").values).containsEntry(Param.APP_REDIRECT_HOOK, new RawValue.Dword(0));
    }

    @Test
    void anUnknownEventIsASentence() {
        Harness.Result r = h.run("install", "MyApp", h.app.toString(), "--hook", "Boot/Pre=x.cmd");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("--hook Boot/Pre=x.cmd: write EVENT/ACTION=COMMAND with one of Start/Pre");
    }
}
