package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jsrvany.core.security.AccessControl.Reading;
import org.jsrvany.core.security.Descriptor;
import org.jsrvany.core.security.Sids;
import org.jsrvany.core.security.WriteAccess;
import org.jsrvany.core.security.WriteAccess.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The audit's decisions as tables: what is checked, what is weak, the fix, unquoted paths. */
class AuditTest {
    private static final Function<String, String> NO_VARIABLES = Function.identity();

    @Test
    void aJsrvanyServiceIsCheckedFromJavaToItsRegistryKeys() {
        String imagePath = "\"C:\\Program Files\\Java\\jre\\bin\\java.exe\" -Xrs -Xmx64m"
                + " \"-Djna.boot.library.path=C:\\Program Files\\jsrvany\\lib\" -jar \"C:\\Program Files\\jsrvany\\jsrvany-launcher.jar\"";
        List<Audit.Target> t = Audit.targets("MyApp", imagePath, Optional.of("D:\\apps\\my app\\app.exe"), true, NO_VARIABLES);
        assertThat(t.stream().map(x -> x.role() + " " + x.object() + (x.optional() ? " (optional)" : ""))
                .collect(Collectors.toList())).containsExactly(
                "PROGRAM C:\\Program Files\\Java\\jre\\bin\\java.exe",
                "PROGRAM_FOLDER C:\\Program Files\\Java\\jre\\bin",
                "FOLDER_ABOVE C:\\Program Files\\Java\\jre",
                "FOLDER_ABOVE C:\\Program Files\\Java",
                "FOLDER_ABOVE C:\\Program Files",
                "FOLDER_ABOVE C:\\",
                "PROGRAM C:\\Program Files\\Java\\jre\\bin\\server\\jvm.dll (optional)",
                "PROGRAM_FOLDER C:\\Program Files\\Java\\jre\\bin\\server (optional)",
                "PROGRAM C:\\Program Files\\Java\\jre\\lib\\modules (optional)",
                "PROGRAM_FOLDER C:\\Program Files\\Java\\jre\\lib (optional)",
                "PROGRAM C:\\Program Files\\jsrvany\\lib\\jnidispatch.dll (optional)",
                "PROGRAM_FOLDER C:\\Program Files\\jsrvany\\lib",
                "PROGRAM_FOLDER C:\\Program Files\\jsrvany",
                "PROGRAM C:\\Program Files\\jsrvany\\jsrvany-launcher.jar",
                "PROGRAM D:\\apps\\my app\\app.exe",
                "PROGRAM_FOLDER D:\\apps\\my app",
                "FOLDER_ABOVE D:\\apps",
                "FOLDER_ABOVE D:\\",
                "REGISTRY_KEY HKLM\\SYSTEM\\CurrentControlSet\\Services\\MyApp",
                "REGISTRY_KEY HKLM\\SYSTEM\\CurrentControlSet\\Services\\MyApp\\Parameters (optional)");
        // The jar's folder was first met as a folder above JNA's: it is checked as the jar's folder.
        assertThat(t).filteredOn(x -> x.object().equals("C:\\Program Files\\jsrvany"))
                .singleElement().extracting(Audit.Target::role).isEqualTo(Role.PROGRAM_FOLDER);
    }

    @Test
    void theClassDataArchiveIsCheckedLikeTheJarWhetherOrNotItExistsYet() {
        String lib = "C:\\Program Files\\jsrvany\\lib";
        String imagePath = ImagePath.build("C:\\Java\\bin\\java.exe", lib + "\\jsrvany-launcher.jar", lib);
        String archive = ClassDataArchive.path(lib + "\\jsrvany-launcher.jar", "C:\\Java\\bin\\java.exe");
        List<Audit.Target> t = Audit.targets("MyApp", imagePath, Optional.empty(), false, NO_VARIABLES);
        assertThat(t).filteredOn(x -> x.object().equals(archive)).singleElement()
                .satisfies(x -> assertThat(x.role()).isEqualTo(Role.PROGRAM))
                .satisfies(x -> assertThat(x.what()).isEqualTo("the class data archive"))
                .satisfies(x -> assertThat(x.optional()).as("made by install; missing it only costs speed").isTrue());
        // Its folder (the jar's, JNA's) and every folder above are checked, not optional.
        assertThat(t).filteredOn(x -> x.object().equals(lib)).singleElement()
                .satisfies(x -> assertThat(x.role()).isEqualTo(Role.PROGRAM_FOLDER))
                .satisfies(x -> assertThat(x.optional()).isFalse());
        assertThat(t).filteredOn(x -> x.object().equals("C:\\Program Files\\jsrvany")).singleElement()
                .extracting(Audit.Target::role).isEqualTo(Role.FOLDER_ABOVE);
    }

    @Test
    void anImagePathWithVariablesIsExpandedAndANewServiceHasNoKeysYet() {
        List<Audit.Target> t = Audit.targets("Svc", "%SystemRoot%\\nssm.exe", Optional.empty(), false,
                s -> Audit.expand(s, Map.of("SYSTEMROOT", "C:\\Windows")));
        assertThat(t).extracting(Audit.Target::object).containsExactly("C:\\Windows\\nssm.exe", "C:\\Windows", "C:\\");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "C:\\a\\b.exe|C:\\a",
        "C:\\a|C:\\",
        "C:\\|-",
        "C:\\a\\|C:\\",
        "\\\\server\\share\\a\\b|\\\\server\\share\\a",
        "\\\\server\\share\\a|\\\\server\\share",
        "\\\\server\\share|-",
        "/opt/app/run.sh|/opt/app",
        "/opt|/",
        "/|-",
        "app.exe|-",
    })
    void theFolderAbove(String path, String parent) {
        assertThat(Audit.parent(path).orElse("-")).isEqualTo(parent);
    }

    /** Each row: the DACL read, what the object is, and the findings (who: rights in words). */
    @ParameterizedTest(name = "[{index}] {1} {0}")
    @CsvSource(delimiter = '|', value = {
        // made by an administrator in C:\ (Authenticated Users inherit Modify)
        "O:BAD:AI(A;ID;FA;;;BA)(A;ID;FA;;;SY)(A;ID;0x1200a9;;;BU)(A;ID;0x1301bf;;;AU)|PROGRAM"
                + "|Authenticated Users can write data, append data (inherited)",
        "O:BAD:AI(A;OICIID;FA;;;BA)(A;OICIID;FA;;;SY)(A;OICIID;0x1301bf;;;AU)|PROGRAM_FOLDER"
                + "|Authenticated Users can create files, delete or rename it (inherited)",
        // made in ProgramData: Users may create files in it
        "O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)|PROGRAM_FOLDER"
                + "|Users can create files (inherited)",
        // Program Files: nobody
        "O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464D:PAI(A;;0x1301bf;;;SY)(A;;0x1301bf;;;BA)"
                + "(A;;0x1200a9;;;BU)(A;OICIIO;GXGR;;;BU)|PROGRAM_FOLDER|-",
        // a user's own account is not in the list; Everyone, INTERACTIVE are
        "O:BAD:(A;;FA;;;S-1-5-21-1-2-3-1001)|PROGRAM|-",
        "O:BAD:(A;;0x2;;;WD)(A;;0x40000;;;IU)|PROGRAM|Everyone can write data;INTERACTIVE can change its permissions",
        // owned by Users: may change the permissions
        "O:BUD:(A;;FR;;;BU)|PROGRAM|Users owns it, so can change its permissions",
        "O:SYD:(A;;KW;;;BU)|REGISTRY_KEY|Users can set values, create subkeys",
    })
    void whatIsWeak(String sddl, Role role, String expected) {
        Audit.Target t = new Audit.Target("X", role, "it", false);
        List<Audit.Finding> f = Audit.evaluate("svc", t, new Reading.Found(Descriptor.parse(sddl)));
        String actual = f.stream().map(x -> x.text().substring("X (it): ".length())).collect(Collectors.joining(";"));
        assertThat(actual.isEmpty() ? "-" : actual).isEqualTo(expected);
    }

    @Test
    void missingAndUnreadableObjects() {
        Audit.Target t = new Audit.Target("C:\\x", Role.PROGRAM, "Application", false);
        assertThat(Audit.evaluate("svc", t, new Reading.Missing())).isEmpty();
        assertThat(Audit.evaluate("svc", t, new Reading.Unreadable("error 5"))).singleElement()
                .satisfies(f -> assertThat(f.text()).contains("cannot be read (error 5)"));
    }

    /** Each row: the object, what it is, the grant (sid, rights in hex, inherited, owner), and the fix. */
    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', value = {
        "C:\\Tools\\app.exe|PROGRAM|AU|6|false|false|icacls \"C:\\Tools\\app.exe\" /grant:r *S-1-5-11:(RX)",
        "C:\\Tools\\app.exe|PROGRAM|AU|6|true|false"
                + "|icacls \"C:\\Tools\\app.exe\" /inheritance:d && icacls \"C:\\Tools\\app.exe\" /grant:r *S-1-5-11:(RX)",
        "C:\\Tools|PROGRAM_FOLDER|BU|2|true|false"
                + "|icacls \"C:\\Tools\" /inheritance:d && icacls \"C:\\Tools\" /grant:r *S-1-5-32-545:(OI)(CI)(RX)",
        "C:\\Tools|FOLDER_ABOVE|WD|40000|false|true|takeown /f \"C:\\Tools\" /a",
        "C:\\Tools|FOLDER_ABOVE|WD|40042|false|true"
                + "|takeown /f \"C:\\Tools\" /a && icacls \"C:\\Tools\" /grant:r *S-1-1-0:(OI)(CI)(RX)",
        "HKLM\\SYSTEM\\CurrentControlSet\\Services\\It's|REGISTRY_KEY|BU|6|false|false"
                + "|powershell -NoProfile -Command \"$k='Registry::HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\It''s';"
                + " $a=Get-Acl $k; $s=[Security.Principal.SecurityIdentifier]'S-1-5-32-545'; $a.PurgeAccessRules($s);"
                + " $a.AddAccessRule([Security.AccessControl.RegistryAccessRule]::new($s,'ReadKey','ContainerInherit','None',"
                + "'Allow')); Set-Acl $k $a;\"",
    })
    void theFixTakesTheRightAwayAndKeepsReadAndExecute(String object, Role role, String sid, String rights,
                                                      boolean inherited, boolean owner, String fix) {
        Audit.Target t = new Audit.Target(object, role, "it", false);
        assertThat(Audit.fix(t, new WriteAccess.Grant(Sids.normalize(sid), Integer.parseInt(rights, 16), inherited, owner)))
                .isEqualTo(fix);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "C:\\Program Files\\Some Thing\\svc.exe|C:\\Program.exe,C:\\Program Files\\Some.exe",
        "C:\\My.App Dir\\x.exe|C:\\My.App",
        "C:\\Tools\\svc.exe|-",
    })
    void theNamesWindowsTriesFirst(String program, String candidates) {
        List<String> c = Audit.candidates(program);
        assertThat(c.isEmpty() ? "-" : String.join(",", c)).isEqualTo(candidates);
    }

    @Test
    void anUnquotedImagePathIsReportedWithWhoCouldPlantAProgramAndTheQuotedOne() {
        FakeAccessControl acl = new FakeAccessControl();
        acl.objects.put("C:\\", new Reading.Found(Descriptor.parse("O:BAD:(A;;FA;;;BA)(A;;0x2;;;AU)")));
        acl.objects.put("C:\\Program Files", new Reading.Found(Descriptor.parse("O:BAD:(A;;FA;;;BA)")));
        Optional<Audit.Finding.Unquoted> u = Audit.unquoted("Some", "C:\\Program Files\\Some Thing\\svc.exe -k \"a b\"",
                acl, NO_VARIABLES);
        assertThat(u).isPresent();
        assertThat(u.get().text()).contains("Windows tries C:\\Program.exe, C:\\Program Files\\Some.exe first")
                .contains("Authenticated Users can create C:\\Program.exe");
        assertThat(u.get().fix()).isEqualTo("sc config \"Some\" binPath= \"\\\"C:\\Program Files\\Some Thing\\svc.exe\\\""
                + " -k \\\"a b\\\"\"");
        assertThat(Audit.unquoted("Quoted", "\"C:\\Program Files\\x.exe\"", acl, NO_VARIABLES)).isEmpty();
        assertThat(Audit.unquoted("NoSpace", "C:\\Windows\\system32\\svchost.exe -k netsvcs", acl, NO_VARIABLES)).isEmpty();
        acl.objects.put("C:\\Program.exe", new Reading.Found(Descriptor.parse("O:BAD:(A;;FA;;;BA)")));
        assertThat(Audit.unquoted("Some", "C:\\Program Files\\Some Thing\\svc.exe", acl, NO_VARIABLES).orElseThrow().text())
                .contains("C:\\Program.exe already exists and would run instead");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "LocalSystem|runs code as SYSTEM",
        "NT AUTHORITY\\LocalService|runs code as NT AUTHORITY\\LocalService, which holds SeImpersonatePrivilege (a known way to SYSTEM)",
        "NT AUTHORITY\\NetworkService|runs code as NT AUTHORITY\\NetworkService, which holds SeImpersonatePrivilege",
        "NT SERVICE\\MyApp|runs code as NT SERVICE\\MyApp, which holds SeImpersonatePrivilege like every service",
        "CORP\\gmsa$|runs code as CORP\\gmsa$, which holds SeImpersonatePrivilege like every service",
        ".\\bob|runs code as .\\bob (with SeImpersonatePrivilege like every service, and everything an administrator may do if .\\bob is one)",
    })
    void everyAccountGivesSomethingAway(String account, String gain) {
        assertThat(Audit.gain(account)).contains(gain);
    }
}
