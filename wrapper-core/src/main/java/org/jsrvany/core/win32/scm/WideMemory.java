package org.jsrvany.core.win32.scm;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * Wide (UTF-16) strings in native memory that we control: a password that is zeroed when closed, and
 * the double-NUL-terminated lists the SCM takes and returns. Idempotent {@link #close()}. Written and
 * read as 16-bit units explicitly (JNA's wide-string calls use the platform's {@code wchar_t}, which is
 * 32 bits on Linux), so the code behaves the same in the Linux unit tests as on Windows.
 */
final class WideMemory implements AutoCloseable {
    private Memory memory;

    private WideMemory(Memory memory) {
        this.memory = memory;
    }

    /** {@code chars} and a NUL. */
    static WideMemory of(char[] chars) {
        Memory m = new Memory((chars.length + 1L) * 2);
        m.clear();
        put(m, chars);
        return new WideMemory(m);
    }

    /** Each string followed by a NUL, then one more NUL (an empty list is two NULs). */
    static WideMemory multi(List<String> strings) {
        StringBuilder sb = new StringBuilder();
        for (String s : strings) {
            sb.append(s).append('\0');
        }
        if (strings.isEmpty()) {
            sb.append('\0');
        }
        sb.append('\0');
        char[] chars = sb.toString().toCharArray();
        Memory m = new Memory(chars.length * 2L);
        put(m, chars);
        return new WideMemory(m);
    }

    private static void put(Memory m, char[] chars) {
        for (int i = 0; i < chars.length; i++) {
            m.setShort(i * 2L, (short) chars[i]);
        }
    }

    Pointer pointer() {
        return memory;
    }

    /** Reads a double-NUL-terminated list of wide strings; null reads as empty. */
    static List<String> readMulti(Pointer p) {
        List<String> out = new ArrayList<>();
        if (p == null) {
            return out;
        }
        long offset = 0;
        while (true) {
            String s = utf16(p, offset);
            if (s.isEmpty()) {
                return out;
            }
            out.add(s);
            offset += (s.length() + 1L) * 2;
        }
    }

    /** A NUL-terminated UTF-16 string; null reads as empty. */
    static String readString(Pointer p) {
        return p == null ? "" : utf16(p, 0);
    }

    private static String utf16(Pointer p, long offset) {
        StringBuilder sb = new StringBuilder();
        for (long at = offset; ; at += 2) {
            char c = (char) p.getShort(at);
            if (c == 0) {
                return sb.toString();
            }
            sb.append(c);
        }
    }

    @Override
    public void close() {
        if (memory != null) {
            memory.clear();
            memory.close();
            memory = null;
        }
    }
}
