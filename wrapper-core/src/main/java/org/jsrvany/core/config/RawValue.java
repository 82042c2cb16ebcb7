package org.jsrvany.core.config;

import java.util.List;

/** A value as a store holds it, before validation: the registry's types, or text from a properties file. */
public sealed interface RawValue {

    /** REG_SZ or REG_EXPAND_SZ; {@code expandable} is true only for REG_EXPAND_SZ (and table-typed text in files). */
    record Text(String value, boolean expandable) implements RawValue {
        public Text {
            value = value == null ? "" : value;
        }
    }

    /** REG_MULTI_SZ. */
    record MultiText(List<String> values) implements RawValue {
        public MultiText {
            values = List.copyOf(values);
        }
    }

    /** REG_DWORD, as an unsigned 32-bit number. */
    record Dword(long value) implements RawValue {
        public Dword {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("a DWORD is 0 to 4294967295, not " + value);
            }
        }

        /** A DWORD written as text: decimal, or hexadecimal with {@code 0x}; empty when it is not one. */
        public static java.util.Optional<Dword> parse(String text) {
            String t = text.strip();
            try {
                long v = t.regionMatches(true, 0, "0x", 0, 2) ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
                return v >= 0 && v <= 0xFFFF_FFFFL ? java.util.Optional.of(new Dword(v)) : java.util.Optional.empty();
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }
    }

    /** The registry type's name, for messages. */
    default String typeName() {
        if (this instanceof Text t) {
            return t.expandable() ? "REG_EXPAND_SZ" : "REG_SZ";
        }
        return this instanceof MultiText ? "REG_MULTI_SZ" : "REG_DWORD";
    }
}
