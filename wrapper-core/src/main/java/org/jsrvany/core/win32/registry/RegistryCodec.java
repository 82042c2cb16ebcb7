package org.jsrvany.core.win32.registry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Registry data bytes to and from {@link RegistryValue}: pure, tested on any OS. */
final class RegistryCodec {
    static final int REG_NONE = 0;
    static final int REG_SZ = 1;
    static final int REG_EXPAND_SZ = 2;
    static final int REG_BINARY = 3;
    static final int REG_DWORD = 4;
    static final int REG_MULTI_SZ = 7;
    static final int REG_QWORD = 11;

    private RegistryCodec() {
    }

    /** Type and data bytes to store. */
    record Encoded(int type, byte[] data) {
    }

    static Encoded encode(RegistryValue value) {
        if (value instanceof RegistryValue.Sz sz) {
            return new Encoded(REG_SZ, utf16z(sz.value()));
        }
        if (value instanceof RegistryValue.ExpandSz ex) {
            return new Encoded(REG_EXPAND_SZ, utf16z(ex.raw()));
        }
        if (value instanceof RegistryValue.MultiSz multi) {
            // "a\0b\0" + "\0"; the empty list is the terminating "\0" alone.
            StringBuilder sb = new StringBuilder();
            for (String v : multi.values()) {
                sb.append(v).append('\0');
            }
            return new Encoded(REG_MULTI_SZ, utf16z(sb.toString()));
        }
        if (value instanceof RegistryValue.Dword dword) {
            return new Encoded(REG_DWORD, le(4).putInt(dword.value()).array());
        }
        if (value instanceof RegistryValue.Qword qword) {
            return new Encoded(REG_QWORD, le(8).putLong(qword.value()).array());
        }
        RegistryValue.Other other = (RegistryValue.Other) value;
        return new Encoded(other.type(), other.data());
    }

    /**
     * Decodes {@code length} bytes of {@code data} stored with {@code type}. Strings end at their
     * first NUL or at the end of the data (the registry does not enforce a terminator; an empty
     * value may have no bytes at all); a multi-string list ends at its first empty string.
     */
    static RegistryValue decode(int type, byte[] data, int length) {
        switch (type) {
            case REG_SZ:
                return new RegistryValue.Sz(untilNul(utf16(data, length)));
            case REG_EXPAND_SZ:
                return new RegistryValue.ExpandSz(untilNul(utf16(data, length)));
            case REG_MULTI_SZ:
                return new RegistryValue.MultiSz(split(utf16(data, length)));
            case REG_DWORD:
                if (length == 4) {
                    return new RegistryValue.Dword(ByteBuffer.wrap(data, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
                }
                break;
            case REG_QWORD:
                if (length == 8) {
                    return new RegistryValue.Qword(ByteBuffer.wrap(data, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
                }
                break;
            default:
                break;
        }
        byte[] copy = new byte[length];
        System.arraycopy(data, 0, copy, 0, length);
        return new RegistryValue.Other(type, copy);
    }

    static String typeName(int type) {
        switch (type) {
            case REG_NONE: return "REG_NONE";
            case REG_SZ: return "REG_SZ";
            case REG_EXPAND_SZ: return "REG_EXPAND_SZ";
            case REG_BINARY: return "REG_BINARY";
            case REG_DWORD: return "REG_DWORD";
            case 5: return "REG_DWORD_BIG_ENDIAN";
            case 6: return "REG_LINK";
            case REG_MULTI_SZ: return "REG_MULTI_SZ";
            case 8: return "REG_RESOURCE_LIST";
            case 9: return "REG_FULL_RESOURCE_DESCRIPTOR";
            case 10: return "REG_RESOURCE_REQUIREMENTS_LIST";
            case REG_QWORD: return "REG_QWORD";
            default: return "registry type " + type;
        }
    }

    static void requireNoNul(String s, String what) {
        if (s == null) {
            throw new NullPointerException(what + " value");
        }
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " cannot contain NUL: " + s.replace('\0', '?'));
        }
    }

    private static byte[] utf16z(String s) {
        return (s + '\0').getBytes(StandardCharsets.UTF_16LE);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String utf16(byte[] data, int length) {
        return new String(data, 0, length & ~1, StandardCharsets.UTF_16LE);
    }

    private static String untilNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < s.length()) {
            int nul = s.indexOf('\0', start);
            int end = nul < 0 ? s.length() : nul;
            if (end == start) {
                break; // the empty string that ends the list
            }
            out.add(s.substring(start, end));
            start = end + 1;
        }
        return out;
    }
}
