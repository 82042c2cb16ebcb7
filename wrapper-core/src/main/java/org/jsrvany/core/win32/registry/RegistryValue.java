package org.jsrvany.core.win32.registry;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** A registry value with its type. Our own types: no JNA type crosses this package's boundary. */
public sealed interface RegistryValue {

    /** The registry type's name, for messages ({@code REG_SZ}, {@code REG_DWORD}...). */
    String typeName();

    /** {@code REG_SZ}. */
    record Sz(String value) implements RegistryValue {
        public Sz {
            RegistryCodec.requireNoNul(value, "REG_SZ");
        }

        @Override
        public String typeName() {
            return "REG_SZ";
        }
    }

    /** {@code REG_EXPAND_SZ}, as stored: {@code %VAR%} references are not expanded. */
    record ExpandSz(String raw) implements RegistryValue {
        public ExpandSz {
            RegistryCodec.requireNoNul(raw, "REG_EXPAND_SZ");
        }

        @Override
        public String typeName() {
            return "REG_EXPAND_SZ";
        }
    }

    /**
     * {@code REG_MULTI_SZ}. The format ends the list at its first empty string, so elements can be
     * neither empty nor contain NUL.
     */
    record MultiSz(List<String> values) implements RegistryValue {
        public MultiSz {
            values = List.copyOf(values);
            for (String v : values) {
                RegistryCodec.requireNoNul(v, "REG_MULTI_SZ element");
                if (v.isEmpty()) {
                    throw new IllegalArgumentException(
                            "REG_MULTI_SZ cannot hold an empty string: it would end the list");
                }
            }
        }

        @Override
        public String typeName() {
            return "REG_MULTI_SZ";
        }
    }

    /** {@code REG_DWORD} (32 bits, little-endian; read it unsigned where that matters). */
    record Dword(int value) implements RegistryValue {
        @Override
        public String typeName() {
            return "REG_DWORD";
        }
    }

    /** {@code REG_QWORD}. */
    record Qword(long value) implements RegistryValue {
        @Override
        public String typeName() {
            return "REG_QWORD";
        }
    }

    /**
     * Any other type ({@code REG_BINARY}, {@code REG_NONE}...), or a DWORD/QWORD whose data has
     * the wrong length: the raw type number and bytes.
     */
    record Other(int type, byte[] data) implements RegistryValue {
        public Other {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public String typeName() {
            return RegistryCodec.typeName(type);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other other && other.type == type && Arrays.equals(other.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Other[" + typeName() + ", " + HexFormat.of().formatHex(data) + "]";
        }
    }
}
