package org.jsrvany.core.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PipeHoldersTest {
    static Stream<Arguments> links() {
        return Stream.of(
                Arguments.of("pipe:[123456]", OptionalLong.of(123456)),
                Arguments.of("pipe:[0]", OptionalLong.of(0)),
                Arguments.of("socket:[123]", OptionalLong.empty()),
                Arguments.of("/dev/null", OptionalLong.empty()),
                Arguments.of("pipe:[]", OptionalLong.empty()),
                Arguments.of("pipe:[12x]", OptionalLong.empty()),
                Arguments.of("pipe:[99999999999999999999]", OptionalLong.empty()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("links")
    void readsThePipeInodeFromAFdLink(String link, OptionalLong inode) {
        assertThat(PipeHolders.pipeInode(link)).isEqualTo(inode);
    }
}
