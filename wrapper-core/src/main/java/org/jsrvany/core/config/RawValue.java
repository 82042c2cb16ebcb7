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
    }

    /** The registry type's name, for messages. */
    default String typeName() {
        if (this instanceof Text t) {
            return t.expandable() ? "REG_EXPAND_SZ" : "REG_SZ";
        }
        return this instanceof MultiText ? "REG_MULTI_SZ" : "REG_DWORD";
    }
}
