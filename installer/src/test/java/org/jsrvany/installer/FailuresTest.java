package org.jsrvany.installer;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsrvany.core.win32.Win32CallException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Win32 error people hit becomes its exit code and a sentence that says what to do. */
class FailuresTest {
    @ParameterizedTest(name = "[{index}] error {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "5|ACCESS_DENIED|Run as administrator",
        "1060|NO_SUCH_SERVICE|jsrvany list --all",
        "1073|SERVICE_EXISTS|choose another name",
        "1078|SERVICE_EXISTS|--display-name",
        "1072|MARKED_FOR_DELETION|reboot",
        "1057|ACCOUNT|does not exist",
        "1332|ACCOUNT|does not exist",
        "1069|ACCOUNT|password is wrong",
        "1326|ACCOUNT|password is wrong",
        "1385|ACCOUNT|--grant-logon-right",
        "1331|ACCOUNT|disabled",
        "1075|DEPENDENCY|--depends-on",
        "1068|DEPENDENCY|start the dependencies first",
        "1059|DEPENDENCY|circle",
        "123|INVALID|at most 256 characters",
        "1058|WRONG_STATE|jsrvany set MyApp Start manual",
        "1061|WRONG_STATE|wait for it to settle",
        "1052|WRONG_STATE|does not accept",
        "1062|WRONG_STATE|start it first",
        "1051|WRONG_STATE|stop them first",
        "1053|SERVICE_FAILED|jsrvany test MyApp",
        "2|SERVICE_FAILED|--launcher",
        "1055|FAILED|try again",
        "124|UNSUPPORTED|Wine does not implement",
        "31|FAILED|A Windows call failed",
    })
    void translates(int code, Exit exit, String advice) {
        InstallerException e = Failures.translate(new Win32CallException("Call(x)", code, "system text"), "MyApp");
        assertThat(e.exit()).isEqualTo(exit);
        assertThat(e.getMessage()).contains(advice);
        if (code == Failures.ERROR_SERVICE_MARKED_FOR_DELETE) {
            assertThat(e.getMessage()).as("explained, not a bare code").doesNotContain("1072");
        } else {
            assertThat(e.getMessage()).contains("error " + code);
        }
    }
}
