package org.jsrvany.core.win32.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RegistryCodecTest {

    static List<RegistryValue> values() {
        return List.of(
                new RegistryValue.Sz("C:\\Program Files\\app.exe"),
                new RegistryValue.Sz(""),
                new RegistryValue.ExpandSz("%SystemRoot%\\system32"),
                new RegistryValue.MultiSz(List.of("A=1", "ünï=✓", "PATH=C:\\bin;%PATH%")),
                new RegistryValue.MultiSz(List.of()),
                new RegistryValue.Dword(1500),
                new RegistryValue.Dword(0xFFFFFFFF),
                new RegistryValue.Qword(0x1_0000_0001L),
                new RegistryValue.Other(RegistryCodec.REG_BINARY, new byte[] {1, 2, (byte) 0xFF}));
    }

    @ParameterizedTest
    @MethodSource("values")
    void roundTrips(RegistryValue value) {
        RegistryCodec.Encoded encoded = RegistryCodec.encode(value);

        assertThat(RegistryCodec.decode(encoded.type(), encoded.data(), encoded.data().length))
                .isEqualTo(value);
    }

    @Test
    void encodesStringsAsNulTerminatedUtf16le() {
        RegistryCodec.Encoded sz = RegistryCodec.encode(new RegistryValue.Sz("aé"));
        RegistryCodec.Encoded empty = RegistryCodec.encode(new RegistryValue.Sz(""));
        RegistryCodec.Encoded expand = RegistryCodec.encode(new RegistryValue.ExpandSz("%X%"));

        assertThat(sz.type()).isEqualTo(1);
        assertThat(sz.data()).containsExactly('a', 0, 0xE9, 0, 0, 0);
        assertThat(empty.data()).containsExactly(0, 0);
        assertThat(expand.type()).isEqualTo(2);
    }

    @Test
    void encodesMultiStringsWithAFinalEmptyString() {
        assertThat(RegistryCodec.encode(new RegistryValue.MultiSz(List.of("a", "b"))).data())
                .containsExactly('a', 0, 0, 0, 'b', 0, 0, 0, 0, 0);
        assertThat(RegistryCodec.encode(new RegistryValue.MultiSz(List.of())).data())
                .containsExactly(0, 0);
        assertThat(RegistryCodec.encode(new RegistryValue.MultiSz(List.of())).type()).isEqualTo(7);
    }

    @Test
    void encodesDwordLittleEndian() {
        RegistryCodec.Encoded e = RegistryCodec.encode(new RegistryValue.Dword(0x01020304));

        assertThat(e.type()).isEqualTo(4);
        assertThat(e.data()).containsExactly(4, 3, 2, 1);
    }

    @Test
    void emptyStringValueMayHaveNoBytesAtAll() {
        assertThat(RegistryCodec.decode(1, new byte[0], 0)).isEqualTo(new RegistryValue.Sz(""));
        assertThat(RegistryCodec.decode(2, new byte[1], 0)).isEqualTo(new RegistryValue.ExpandSz(""));
    }

    @Test
    void stringWithoutTerminatorEndsWithTheData() {
        byte[] data = "abc".getBytes(StandardCharsets.UTF_16LE);

        assertThat(RegistryCodec.decode(1, data, data.length)).isEqualTo(new RegistryValue.Sz("abc"));
        assertThat(RegistryCodec.decode(1, data, 4)).isEqualTo(new RegistryValue.Sz("ab"));
    }

    @Test
    void stringEndsAtItsFirstNul() {
        byte[] data = "ab\0junk\0".getBytes(StandardCharsets.UTF_16LE);

        assertThat(RegistryCodec.decode(1, data, data.length)).isEqualTo(new RegistryValue.Sz("ab"));
    }

    @Test
    void emptyMultiStringListInEveryStoredForm() {
        RegistryValue empty = new RegistryValue.MultiSz(List.of());

        assertThat(RegistryCodec.decode(7, new byte[0], 0)).isEqualTo(empty);
        assertThat(RegistryCodec.decode(7, new byte[2], 2)).isEqualTo(empty);
        assertThat(RegistryCodec.decode(7, new byte[4], 4)).isEqualTo(empty);
    }

    @Test
    void multiStringListEndsAtFirstEmptyStringOrAtTheEndOfData() {
        byte[] stopped = "a\0\0b\0\0".getBytes(StandardCharsets.UTF_16LE);
        byte[] unterminated = "a\0b".getBytes(StandardCharsets.UTF_16LE);

        assertThat(RegistryCodec.decode(7, stopped, stopped.length))
                .isEqualTo(new RegistryValue.MultiSz(List.of("a")));
        assertThat(RegistryCodec.decode(7, unterminated, unterminated.length))
                .isEqualTo(new RegistryValue.MultiSz(List.of("a", "b")));
    }

    @Test
    void dwordOfTheWrongLengthStaysRaw() {
        RegistryValue v = RegistryCodec.decode(4, new byte[] {1, 2}, 2);

        assertThat(v).isEqualTo(new RegistryValue.Other(4, new byte[] {1, 2}));
        assertThat(v.typeName()).isEqualTo("REG_DWORD");
    }

    @Test
    void valuesThatCannotBeStoredAreRejected() {
        assertThatThrownBy(() -> new RegistryValue.MultiSz(List.of("a", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty string");
        assertThatThrownBy(() -> new RegistryValue.Sz("a\0b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> new RegistryValue.MultiSz(List.of("a\0b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }

    @Test
    void typeNames() {
        assertThat(new RegistryValue.Sz("").typeName()).isEqualTo("REG_SZ");
        assertThat(new RegistryValue.ExpandSz("").typeName()).isEqualTo("REG_EXPAND_SZ");
        assertThat(new RegistryValue.MultiSz(List.of()).typeName()).isEqualTo("REG_MULTI_SZ");
        assertThat(new RegistryValue.Dword(0).typeName()).isEqualTo("REG_DWORD");
        assertThat(new RegistryValue.Other(3, new byte[0]).typeName()).isEqualTo("REG_BINARY");
        assertThat(new RegistryValue.Other(42, new byte[0]).typeName()).isEqualTo("registry type 42");
    }
}
