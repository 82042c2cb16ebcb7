package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.junit.jupiter.api.Test;

class AdoptCommandTest extends HarnessTest {
    private void legacy(String name, String imagePath) {
        h.scm.add(ServiceOptions.defaults(name, imagePath).withDescription("legacy"));
        h.store.put(name, Param.APPLICATION, new RawValue.Text(h.app.toString(), false))
                .put(name, Param.APP_PARAMETERS, new RawValue.Text("-v", false));
    }

    @Test
    void srvanyNgKeepsItsEnvironmentMergeThroughOverrideEnvironment() {
        legacy("Ng", "C:\\tools\\srvany-ng.exe");
        h.store.put("Ng", Param.APP_ENVIRONMENT, new RawValue.MultiText(List.of("A=1")));
        Harness.Result r = h.run("adopt", "Ng");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Adopting 'Ng' (srvany-ng -> jsrvany)").contains("OverrideEnvironment (not set) -> 0")
                .contains("srvany-ng merged AppEnvironment").contains("binPath= \"C:\\tools\\srvany-ng.exe\"")
                .contains("Start it with 'jsrvany start Ng'");
        assertThat(ImagePath.kind(h.scm.find("Ng").orElseThrow().imagePath())).isEqualTo(WrapperKind.JSRVANY);
        assertThat(h.store.key("Ng").values).containsEntry(Param.OVERRIDE_ENVIRONMENT, new RawValue.Dword(0))
                .containsEntry(Param.APP_PARAMETERS, new RawValue.Text("-v", false));
        assertThat(h.scm.find("Ng").orElseThrow().description()).isEqualTo("legacy");
        assertThat(h.run("adopt", "Ng").out()).contains("already runs jsrvany");
    }

    @Test
    void srvanyWithSrvanyNgValuesIsTakenAsSrvanyNg() {
        legacy("Renamed", "C:\\tools\\srvany.exe");
        h.store.put("Renamed", Param.RESTART_ON_EXIT, new RawValue.Dword(1))
                .put("Renamed", Param.APP_ENVIRONMENT, new RawValue.MultiText(List.of("A=1")));
        Harness.Result r = h.run("adopt", "Renamed", "--dry-run");
        assertThat(r.out()).contains("(srvany-ng -> jsrvany)").contains("taken as srvany-ng");
        Harness.Result asSrvany = h.run("adopt", "Renamed", "--dry-run", "--from", "srvany");
        assertThat(asSrvany.out()).contains("(srvany -> jsrvany)").doesNotContain("OverrideEnvironment");
    }

    @Test
    void dryRunShowsEverythingAndWritesNothing() {
        legacy("Old", "\"C:\\Program Files\\srvany\\srvany.exe\"");
        Harness.Result r = h.run("adopt", "Old", "--dry-run");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Would adopt 'Old' (srvany -> jsrvany)").contains("ImagePath")
                .contains("srvany kept reporting RUNNING").contains("AppDirectory %SystemRoot%\\System32");
        assertThat(h.scm.writes()).isEmpty();
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void nssmParametersAreKeptAndUnknownOnesNamed() {
        legacy("N", "C:\\nssm\\win64\\nssm.exe");
        h.store.putForeign("N", "AppRotateDelay", "REG_EXPAND_SZ").putExit("N", "", "Restart");
        Harness.Result r = h.run("adopt", "N");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("(nssm -> jsrvany)").contains("'AppRotateDelay' (REG_EXPAND_SZ) in HKLM\\SYSTEM\\CurrentControlSet\\Services\\N\\Parameters is not a jsrvany parameter");
        assertThat(h.store.writes).isEmpty();
    }

    @Test
    void nssmsAppRedirectHookIsCarriedAsAJsrvanyParameter() {
        legacy("R", "C:\\nssm\\win64\\nssm.exe");
        h.store.put("R", Param.APP_REDIRECT_HOOK, new RawValue.Dword(1));
        Harness.Result r = h.run("adopt", "R");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("(nssm -> jsrvany)").doesNotContain("AppRedirectHook");
        assertThat(h.store.key("R").values).containsEntry(Param.APP_REDIRECT_HOOK, new RawValue.Dword(1));
        assertThat(h.run("get", "R", "AppRedirectHook").out().strip()).isEqualTo("1");
    }

    @Test
    void aServiceThatIsNoWrapperIsRefused() {
        h.scm.add(ServiceOptions.defaults("Spooler", "C:\\Windows\\System32\\spoolsv.exe"));
        Harness.Result r = h.run("adopt", "Spooler");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("not srvany, srvany-ng or NSSM").contains("--from");
    }

    @Test
    void anInvalidConfigurationIsRefusedWithItsProblems() {
        legacy("Broken", "C:\\tools\\srvany.exe");
        h.store.put("Broken", Param.APPLICATION, new RawValue.Text(temp.resolve("gone.exe").toString(), false));
        Harness.Result r = h.run("adopt", "Broken");
        assertThat(r.exit()).isEqualTo(Exit.INVALID.code());
        assertThat(r.err()).contains("does not exist");
        assertThat(h.scm.writes()).isEmpty();
    }

    @Test
    void aRunningServiceIsToldToRestart() {
        legacy("Run", "C:\\nssm.exe");
        h.run("start", "Run");
        assertThat(h.run("adopt", "Run").out()).contains("It still runs nssm until restarted: jsrvany restart Run");
    }
}
