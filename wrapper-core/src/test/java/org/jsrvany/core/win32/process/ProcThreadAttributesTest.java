package org.jsrvany.core.win32.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The handle list a child inherits: each handle once (a duplicate makes CreateProcessW fail), in order. */
class ProcThreadAttributesTest {

    @Test
    void eachHandleIsListedOnceInOrder() {
        Pointer nul = new Pointer(0x104);
        Pointer out = new Pointer(0x108);
        Pointer err = new Pointer(0x10c);

        assertThat(ProcThreadAttributes.handleList(List.of(nul, out, err))).containsExactly(nul, out, err);
        assertThat(ProcThreadAttributes.handleList(List.of(nul, out, out))).containsExactly(nul, out);
        assertThat(ProcThreadAttributes.handleList(Arrays.asList(nul, null, err))).containsExactly(nul, err);
    }

    @Test
    void anEmptyListIsRefused() {
        assertThatThrownBy(() -> ProcThreadAttributes.handleList(Arrays.asList(null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
