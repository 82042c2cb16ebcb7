package org.jsrvany.installer.win32;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.ArrayList;
import java.util.List;

/**
 * Wide (UTF-16) strings in native memory that we control: a password that is zeroed when closed, and
 * the double-NUL-terminated lists the SCM takes and returns. Idempotent {@link #close()}.
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
        m.write(0, chars, 0, chars.length);
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
        m.write(0, chars, 0, chars.length);
        return new WideMemory(m);
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
            String s = p.getWideString(offset);
            if (s.isEmpty()) {
                return out;
            }
            out.add(s);
            offset += (s.length() + 1L) * 2;
        }
    }

    static String readString(Pointer p) {
        return p == null ? "" : p.getWideString(0);
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
