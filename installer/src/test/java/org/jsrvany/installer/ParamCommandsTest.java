package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.service.StartType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParamCommandsTest extends HarnessTest {
    @BeforeEach
    void setUp() throws IOException {
        h.installed("MyApp", "--throttle", "2500", "--env", "A=1", "--env", "B=2", "--exit", "0=Exit");
    }

    @Test
    void getPrintsStoredValuesOneEntryPerLine() {
        assertThat(h.run("get", "MyApp", "AppThrottle").out()).isEqualTo("2500\n");
        assertThat(h.run("get", "MyApp", "appenvironment").out()).isEqualTo("A=1\nB=2\n");
        assertThat(h.run("get", "MyApp", "Application").out()).isEqualTo(h.app + "\n");
        assertThat(h.run("get", "MyApp", "AppExit").out()).isEqualTo("0=Exit\n");
        assertThat(h.run("get", "MyApp", "AppExit.0").out()).isEqualTo("Exit\n");
        assertThat(h.run("get", "MyApp", "DisplayName").out()).isEqualTo("MyApp\n");
        assertThat(h.run("get", "MyApp", "Start").out()).isEqualTo("auto\n");
    }

    @Test
    void getOfAnUnsetParameterPrintsTheDefaultAndSaysSo() {
        Harness.Result r = h.run("get", "MyApp", "AppStopMethodConsole");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("1500\n");
        assertThat(r.err()).contains("AppStopMethodConsole is not set; the default is 1500.");
        Harness.Result exit = h.run("get", "MyApp", "AppExit.3");
        assertThat(exit.out()).isEqualTo("Restart\n");
        assertThat(exit.err()).contains("default action applies");
    }

    @Test
    void getWithoutAParameterListsEverything() {
        h.store.putForeign("MyApp", "AppRotateDelay", "REG_EXPAND_SZ");
        Harness.Result r = h.run("get", "MyApp");
        assertThat(r.out()).contains("DisplayName = MyApp").contains("AppThrottle = 2500")
                .contains("AppEnvironment =\n    A=1\n    B=2").contains("AppExit.0 = Exit").contains("ImagePath = \"");
        assertThat(r.err()).contains("'AppRotateDelay' (REG_EXPAND_SZ) in HKLM\\SYSTEM\\CurrentControlSet\\Services\\MyApp\\Parameters is not a jsrvany parameter");
    }

    @Test
    void setWritesWithTheTablesType() {
        Harness.Result r = h.run("set", "MyApp", "AppThrottle", "0x1000");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("AppThrottle 2500 -> 4096");
        assertThat(h.store.key("MyApp").values.get(Param.APP_THROTTLE)).isEqualTo(new RawValue.Dword(4096));
        assertThat(h.run("set", "MyApp", "AppEnvironmentExtra", "X=1", "Y=2").exit()).isZero();
        assertThat(h.store.key("MyApp").values.get(Param.APP_ENVIRONMENT_EXTRA))
                .isEqualTo(new RawValue.MultiText(List.of("X=1", "Y=2")));
        assertThat(h.run("set", "MyApp", "AppParameters", "--", "--port 8080").exit()).isZero();
        assertThat(h.store.key("MyApp").values.get(Param.APP_PARAMETERS)).isEqualTo(new RawValue.Text("--port 8080", true));
        assertThat(h.run("set", "MyApp", "AppPauseMode", "Report").exit()).isZero();
        assertThat(h.store.key("MyApp").values.get(Param.APP_PAUSE_MODE)).isEqualTo(new RawValue.Text("Report", false));
    }

    @Test
    void setTheSameValueAgainChangesNothing() {
        h.store.writes.clear();
        Harness.Result r = h.run("set", "MyApp", "AppThrottle", "2500");
        assertThat(r.out()).contains("already has that value");
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void aBadValueIsRefusedBeforeAnythingIsWritten() {
        h.store.writes.clear();
        Harness.Result notANumber = h.run("set", "MyApp", "AppThrottle", "fast");
        assertThat(notANumber.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(notANumber.err()).contains("AppThrottle is 'fast': expected a whole number");
        Harness.Result badPriority = h.run("set", "MyApp", "AppPriority", "7");
        assertThat(badPriority.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(badPriority.err()).contains("AppPriority is 7").contains("The configuration would not be valid");
        Harness.Result badDir = h.run("set", "MyApp", "AppDirectory", temp.resolve("missing").toString());
        assertThat(badDir.exit()).isEqualTo(Exit.INVALID.code());
        Harness.Result badPause = h.run("set", "MyApp", "AppPauseMode", "Freeze");
        assertThat(badPause.err()).contains("expected Suspend or Report");
        Harness.Result twoValues = h.run("set", "MyApp", "AppThrottle", "1", "2");
        assertThat(twoValues.err()).contains("takes one value");
        Harness.Result emptyEntry = h.run("set", "MyApp", "AppEnvironment", "A=1", "");
        assertThat(emptyEntry.err()).contains("empty entry");
        Harness.Result typo = h.run("set", "MyApp", "AppThrotle", "5");
        assertThat(typo.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(typo.err()).contains("did you mean AppThrottle?");
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void appExitAsATableAndEntryByEntry() {
        assertThat(h.run("set", "MyApp", "AppExit", "default=Ignore", "3=Suicide").exit()).isZero();
        assertThat(h.store.key("MyApp").exits).containsExactly(Map.entry("", "Ignore"), Map.entry("3", "Suicide"));
        assertThat(h.run("set", "MyApp", "AppExit.-1", "exit").exit()).isZero();
        assertThat(h.store.key("MyApp").exits).containsEntry("4294967295", "Exit");
        assertThat(h.run("reset", "MyApp", "AppExit.3").exit()).isZero();
        assertThat(h.store.key("MyApp").exits).doesNotContainKey("3");
        assertThat(h.run("set", "MyApp", "AppExit.x", "Exit").exit()).isEqualTo(Exit.INVALID.code());
        assertThat(h.run("set", "MyApp", "AppExit", "3=Boom").exit()).isEqualTo(Exit.INVALID.code());
        assertThat(h.run("reset", "MyApp", "AppExit").exit()).isZero();
        assertThat(h.store.key("MyApp").exits).isEmpty();
    }

    @Test
    void resetRemovesAValueButNotARequiredOne() {
        assertThat(h.run("reset", "MyApp", "AppThrottle").exit()).isZero();
        assertThat(h.store.key("MyApp").values).doesNotContainKey(Param.APP_THROTTLE);
        Harness.Result r = h.run("reset", "MyApp", "Application");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("Application is not set");
        assertThat(h.store.key("MyApp").values).containsKey(Param.APPLICATION);
    }

    @Test
    void serviceSettingsThroughSetAndReset() {
        assertThat(h.run("set", "MyApp", "DisplayName", "My Application").exit()).isZero();
        assertThat(h.run("set", "MyApp", "Description", "Serves").exit()).isZero();
        assertThat(h.run("set", "MyApp", "Start", "demand").exit()).isZero();
        h.scm.add(ServiceOptions.defaults("Tcpip", "x"));
        assertThat(h.run("set", "MyApp", "DependOnService", "Tcpip").exit()).isZero();
        var d = h.scm.find("MyApp").orElseThrow();
        assertThat(d.displayName()).isEqualTo("My Application");
        assertThat(d.description()).isEqualTo("Serves");
        assertThat(d.startType()).isEqualTo(StartType.MANUAL);
        assertThat(d.dependencies()).containsExactly("Tcpip");
        assertThat(h.run("set", "MyApp", "DependOnService", "Nope").exit()).isEqualTo(Exit.DEPENDENCY.code());
        assertThat(h.run("set", "MyApp", "Start", "often").exit()).isEqualTo(Exit.INVALID.code());
        Harness.Result account = h.run("set", "MyApp", "ObjectName", "LocalService");
        assertThat(account.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(account.err()).contains("--account");
        assertThat(h.run("reset", "MyApp", "DisplayName").exit()).isZero();
        assertThat(h.run("reset", "MyApp", "Description").exit()).isZero();
        assertThat(h.run("reset", "MyApp", "DependOnService").exit()).isZero();
        d = h.scm.find("MyApp").orElseThrow();
        assertThat(d.displayName()).isEqualTo("MyApp");
        assertThat(d.description()).isEmpty();
        assertThat(d.dependencies()).isEmpty();
    }

    @Test
    void aRunningServiceIsToldToRestart() {
        h.run("start", "MyApp");
        assertThat(h.run("set", "MyApp", "AppThrottle", "100").out()).contains("restart it for the change to take effect");
    }

    @Test
    void notElevatedOrMissing() {
        h.store.elevated = false;
        assertThat(h.run("set", "MyApp", "AppThrottle", "100").exit()).isEqualTo(Exit.ACCESS_DENIED.code());
        assertThat(h.run("get", "Nope", "AppThrottle").exit()).isEqualTo(Exit.NO_SUCH_SERVICE.code());
    }
}
