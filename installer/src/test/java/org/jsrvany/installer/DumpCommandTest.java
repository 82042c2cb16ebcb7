package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsrvany.core.cmdline.WindowsCommandLine;
import org.jsrvany.core.config.ConfigLoader;
import org.jsrvany.core.config.PropertiesSource;
import org.jsrvany.core.config.ServiceConfig;
import org.jsrvany.core.service.ServiceDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DumpCommandTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.scm.add(ServiceOptions.defaults("Tcpip", "x"));
        h.installed("My Svc", "--display-name", "Mine & yours (100%)", "--description", "Says \"hi\" ^ <there> ✓",
                "--start", "delayed-auto", "--depends-on", "Tcpip", "--account", "LocalService", "--on-failure",
                "restart/1m", "--on-failure", "run/2m", "--failure-command", "cmd /c echo %DATE% > \"C:\\x y\\f.txt\"",
                "--failure-reset", "1d", "--non-crash-failures", "--preshutdown-timeout", "30s", "--sid-type", "restricted",
                "--dir", h.appDir.toString(), "--env", "PATH=C:\\bin;%PATH%", "--env", "Q=a \"quoted\" value\\",
                "--env-extra", "AMP=x&y|z", "--stdout", "out dir\\o.log", "--throttle", "2500", "--exit", "default=Restart",
                "--exit", "0=Exit", "--rotate-bytes", "5G", "--", "--name=Ünïcødé", "two words", "tail\\", "q\"uote", "");
    }

    @Test
    void theCmdScriptRecreatesTheServiceExactly() throws IOException {
        Harness.Result dump = h.run("dump", "My Svc");
        assertThat(dump.exit()).as(dump.toString()).isZero();
        assertThat(dump.out()).startsWith("@echo off\r\n").contains("setlocal DisableDelayedExpansion")
                .contains("%%DATE%%").contains("^& yours").contains("|| exit /b");

        Harness fresh = new Harness(temp.resolve("fresh"));
        fresh.scm.add(ServiceOptions.defaults("Tcpip", "x"));
        for (List<String> args : commands(dump.out())) {
            Harness.Result r = fresh.run(args.toArray(new String[0]));
            assertThat(r.exit()).as(args + "\n" + r).isZero();
        }
        ServiceDefinition before = h.scm.find("My Svc").orElseThrow();
        ServiceDefinition after = fresh.scm.find("My Svc").orElseThrow();
        assertThat(after.withImagePath("")).isEqualTo(before.withImagePath(""));
        assertThat(fresh.store.key("My Svc").values).isEqualTo(h.store.key("My Svc").values);
        assertThat(fresh.store.key("My Svc").exits).isEqualTo(h.store.key("My Svc").exits);
    }

    /** The jsrvany command lines of a dumped script, as cmd.exe and then CommandLineToArgvW would read them. */
    static List<List<String>> commands(String script) {
        List<List<String>> out = new ArrayList<>();
        for (String line : script.split("\r\n")) {
            if (!line.startsWith("%JSRVANY% ")) {
                continue;
            }
            String rest = line.substring("%JSRVANY% ".length());
            assertThat(rest).endsWith(" || exit /b");
            rest = rest.substring(0, rest.length() - " || exit /b".length());
            out.add(WindowsCommandLine.splitArguments(cmdExe(rest)));
        }
        return out;
    }

    /** cmd.exe's own pass over a batch line: %% is %, ^ escapes the next character outside quotes. */
    static String cmdExe(String line) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '%') {
                assertThat(line.charAt(i + 1)).as("a lone %% in %s would be expanded", line).isEqualTo('%');
                sb.append('%');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                sb.append(c);
            } else if (!quoted && c == '^') {
                sb.append(line.charAt(++i));
            } else {
                assertThat(quoted || "&|<>()".indexOf(c) < 0).as("unescaped operator %s in %s", c, line).isTrue();
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Test
    void thePropertiesFileLoadsToTheSameConfiguration() throws Exception {
        Harness.Result dump = h.run("dump", "My Svc", "--format", "properties");
        Path file = temp.resolve("svc.properties");
        Files.writeString(file, dump.out(), StandardCharsets.UTF_8);
        ConfigLoader loader = new ConfigLoader(java.util.Map.of("PATH", "/usr/bin:/bin"), false, w -> { });
        ServiceConfig fromFile = loader.load("My Svc", PropertiesSource.load(file));
        ServiceConfig fromStore = loader.load("My Svc", h.store.read("My Svc").toSource("store"));
        assertThat(fromFile).isEqualTo(fromStore);
    }

    @Test
    void theRegFileHasTheServiceKeyAndItsParameters() {
        Harness.Result dump = h.run("dump", "My Svc", "--format", "reg");
        assertThat(dump.out()).startsWith("Windows Registry Editor Version 5.00\r\n")
                .contains("[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\My Svc]")
                .contains("\"Start\"=dword:00000002").contains("\"DelayedAutostart\"=dword:00000001")
                .contains("\"ObjectName\"=\"NT AUTHORITY\\\\LocalService\"")
                .contains("\"DisplayName\"=\"Mine & yours (100%)\"")
                .contains("[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\My Svc\\Parameters]")
                .contains("\"AppThrottle\"=dword:000009c4").contains("\"AppRotateBytesHigh\"=dword:00000001")
                .contains("\"Application\"=hex(2):").contains("\"AppEnvironment\"=hex(7):")
                .contains("\\Parameters\\AppExit]\r\n@=\"Restart\"\r\n\"0\"=\"Exit\"");
    }

    @Test
    void regHexEncodesUtf16WithTerminators() {
        assertThat(Dumps.regValue("A", new org.jsrvany.core.config.RawValue.Text("%x%", true)))
                .isEqualTo("\"A\"=hex(2):25,00,78,00,25,00,00,00");
        assertThat(Dumps.regValue("M", new org.jsrvany.core.config.RawValue.MultiText(List.of("a", "b"))))
                .isEqualTo("\"M\"=hex(7):61,00,00,00,62,00,00,00,00,00");
    }

    @Test
    void dumpOfAMissingService() {
        assertThat(h.run("dump", "Nope").exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }
}
