package org.jsrvany.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodeNamesTest {
    @ParameterizedTest(name = "{0} on windows={1} -> {2}")
    @CsvSource(nullValues = "-", value = {
            // Windows: NTSTATUS of a crash, Win32 errors Windows uses as exit codes, the program's own codes unnamed
            "3221225477, true, STATUS_ACCESS_VIOLATION",
            "3221225786, true, STATUS_CONTROL_C_EXIT",
            "3221225725, true, STATUS_STACK_OVERFLOW",
            "3221226505, true, STATUS_STACK_BUFFER_OVERRUN",
            "3221225794, true, STATUS_DLL_INIT_FAILED",
            "1073807364, true, DBG_TERMINATE_PROCESS",
            "1067, true, ERROR_PROCESS_ABORTED",
            "0, true, -",
            "1, true, -",
            "130, true, -",
            // POSIX: 128+N is signal N
            "137, false, SIGKILL",
            "143, false, SIGTERM",
            "130, false, SIGINT",
            "139, false, SIGSEGV",
            "134, false, SIGABRT",
            "1, false, -",
            "128, false, -",
            "3221225477, false, -",
    })
    void namesKnownCodesOnly(long code, boolean windows, String expected) {
        assertThat(ExitCodeNames.name(code, windows)).isEqualTo(Optional.ofNullable(expected));
    }

    @ParameterizedTest
    @CsvSource({"3221225477, 0xC0000005", "1067, 0x0000042B"})
    void hexIsEightUpperCaseDigits(long code, String hex) {
        assertThat(ExitCodeNames.hex(code)).isEqualTo(hex);
    }
}
