package org.jsrvany.core.win32;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Win32ExceptionTest {

    @Test
    void namesCallCodeAndSystemMessage() {
        Win32CallException e = new Win32CallException("CreateProcessW(x.exe)", 2,
                "The system cannot find the file specified.\r\n");

        assertThat(e.call()).isEqualTo("CreateProcessW(x.exe)");
        assertThat(e.errorCode()).isEqualTo(2);
        assertThat(e).hasMessage("CreateProcessW(x.exe) failed: error 2 (0x00000002): "
                + "The system cannot find the file specified.");
    }

    @Test
    void withoutSystemMessageKeepsTheNumber() {
        assertThat(new Win32CallException("TerminateJobObject", 0x80070005, ""))
                .hasMessage("TerminateJobObject failed: error -2147024891 (0x80070005)");
    }
}
