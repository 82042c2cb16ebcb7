package org.jsrvany.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsrvany.core.security.WriteAccess.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who can change what, from DACLs as Windows writes them back (SDDL with aliases). Each row: the object's
 * owner and DACL, what it is to the service, and every account besides SYSTEM, Administrators and
 * TrustedInstaller that can change it, with the rights (hexadecimal) and how (i = through an inherited
 * entry, o = as the owner); "-" for nobody.
 */
class WriteAccessTest {
    private static final String PROGRAM_FILES = "O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"
            + "D:PAI(A;;FA;;;S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)(A;CIIO;GA;;;"
            + "S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464)(A;;0x1301bf;;;SY)(A;OICIIO;GA;;;SY)"
            + "(A;;0x1301bf;;;BA)(A;OICIIO;GA;;;BA)(A;;0x1200a9;;;BU)(A;OICIIO;GXGR;;;BU)(A;OICIIO;GA;;;CO)"
            + "(A;;0x1200a9;;;AC)(A;OICIIO;GXGR;;;AC)";
    private static final String DRIVE_ROOT = "O:S-1-5-80-956008885-3418522649-1831038044-1853292631-2271478464"
            + "D:PAI(A;OICI;FA;;;BA)(A;OICI;FA;;;SY)(A;OICI;0x1200a9;;;BU)(A;CI;LC;;;AU)(A;OICIIO;SDGXGWGR;;;AU)";
    /** What a folder an administrator makes directly in C:\ inherits. */
    private static final String FOLDER_IN_DRIVE_ROOT = "O:BAD:AI(A;OICIID;FA;;;BA)(A;OICIID;FA;;;SY)"
            + "(A;OICIID;0x1200a9;;;BU)(A;ID;0x1301bf;;;AU)(A;OICIIOID;SDGXGWGR;;;AU)";
    /** What a file in that folder inherits. */
    private static final String FILE_IN_IT = "O:BAD:AI(A;ID;FA;;;BA)(A;ID;FA;;;SY)(A;ID;0x1200a9;;;BU)(A;ID;0x1301bf;;;AU)";
    /** What a folder made in ProgramData inherits: Users may create files and folders in it. */
    private static final String FOLDER_IN_PROGRAMDATA = "O:BAD:AI(A;OICIID;FA;;;SY)(A;OICIID;FA;;;BA)"
            + "(A;OICIID;0x1200a9;;;BU)(A;CIID;DCLCRPCR;;;BU)";

    private static final Set<String> TRUSTED = Set.of(Sids.LOCAL_SYSTEM, Sids.ADMINISTRATORS, Sids.TRUSTED_INSTALLER);

    @ParameterizedTest(name = "[{index}] {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        PROGRAM_FILES + "|PROGRAM_FOLDER|-",
        PROGRAM_FILES + "|FOLDER_ABOVE|-",
        DRIVE_ROOT + "|FOLDER_ABOVE|-", // Authenticated Users may only create folders there
        DRIVE_ROOT + "|PROGRAM_FOLDER|-",
        DRIVE_ROOT + "|ABOVE_MISSING|S-1-5-11:4:", // ... so a program missing in C:\\Tools can be put there
        FOLDER_IN_DRIVE_ROOT + "|PROGRAM_FOLDER|S-1-5-11:10002:i", // Modify, inherited: create files, delete
        FOLDER_IN_DRIVE_ROOT + "|FOLDER_ABOVE|S-1-5-11:10000:i",
        FILE_IN_IT + "|PROGRAM|S-1-5-11:6:i", // write and append data
        FOLDER_IN_PROGRAMDATA + "|PROGRAM_FOLDER|S-1-5-32-545:2:i",
        FOLDER_IN_PROGRAMDATA + "|FOLDER_ABOVE|-",
        // Wine's mapping of a Unix folder with mode 777 and a file with mode 666
        "O:S-1-5-21-0-0-0-1000D:(A;OICI;FA;;;SY)(A;OICI;FA;;;S-1-5-21-0-0-0-1000)(A;OICI;0x1301ff;;;WD)|PROGRAM_FOLDER"
                + "|S-1-5-21-0-0-0-1000:d0042:o;S-1-1-0:10042:",
        "O:S-1-5-21-0-0-0-1000D:(A;;FA;;;SY)(A;;FA;;;S-1-5-21-0-0-0-1000)(A;;0x1301ff;;;WD)|PROGRAM"
                + "|S-1-5-21-0-0-0-1000:c0006:o;S-1-1-0:6:",
        // a deny before the allow takes the right away (also when it is for Everyone); after it, it does not
        "D:(D;;WD;;;BU)(A;;FA;;;BU)|PROGRAM|S-1-5-32-545:80006:",
        "D:(D;;0x6;;;WD)(A;;FA;;;BU)|PROGRAM|S-1-5-32-545:c0000:",
        "D:(A;;FA;;;BU)(D;;FA;;;BU)|PROGRAM|S-1-5-32-545:c0006:",
        // generic rights are mapped for the object's type
        "D:(A;;GW;;;WD)|PROGRAM|S-1-1-0:6:",
        "D:(A;;GA;;;IU)|PROGRAM_FOLDER|S-1-5-4:d0042:",
        // inherit-only entries do not apply to the object itself
        "D:(A;OICIIO;FA;;;BU)|PROGRAM|-",
        // the owner implicitly may change the permissions, unless OWNER RIGHTS says otherwise
        "O:BUD:(A;;FR;;;BU)|PROGRAM|S-1-5-32-545:40000:o",
        "O:BUD:(A;;FR;;;BU)(A;;FR;;;OW)|PROGRAM|-",
        "O:BUD:(A;;FR;;;BU)(A;;WD;;;OW)|PROGRAM|S-1-5-32-545:40000:o",
        // registry keys: Wine's and Windows' Services key, and a key Authenticated Users may write
        "O:BAD:(A;CIIO;GR;;;BU)(A;;KA;;;BA)|REGISTRY_KEY|-",
        "O:SYD:AI(A;CIID;KR;;;BU)(A;CIID;KA;;;SY)|REGISTRY_KEY|-",
        "O:SYD:(A;;KW;;;AU)|REGISTRY_KEY|S-1-5-11:6:",
        "O:SYD:(A;;GW;;;AU)|REGISTRY_KEY|S-1-5-11:6:",
        "O:SYD:(A;;0x20;;;BU)|REGISTRY_KEY|S-1-5-32-545:20:", // KEY_CREATE_LINK
    })
    void whoCanChangeIt(String sddl, Role role, String expected) {
        List<WriteAccess.Grant> grants = WriteAccess.grants(Descriptor.parse(sddl), role);
        String actual = grants.stream().filter(g -> !TRUSTED.contains(g.sid()))
                .map(g -> g.sid() + ":" + Integer.toHexString(g.rights()) + ":" + (g.inherited() ? "i" : "") + (g.owner() ? "o" : ""))
                .collect(Collectors.joining(";"));
        assertThat(actual.isEmpty() ? "-" : actual).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "6|PROGRAM|write data, append data",
        "10042|PROGRAM_FOLDER|create files, delete what is inside, delete or rename it",
        "c0000|FOLDER_ABOVE|change its permissions, take ownership",
        "6|REGISTRY_KEY|set values, create subkeys",
        "4|ABOVE_MISSING|create folders",
    })
    void rightsInWords(String hex, Role role, String words) {
        assertThat(WriteAccess.words(Integer.parseInt(hex, 16), role)).isEqualTo(words);
    }
}
