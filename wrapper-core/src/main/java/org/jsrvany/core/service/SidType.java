package org.jsrvany.core.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The service SID type ({@code SERVICE_SID_INFO}). */
public enum SidType {
    /** No service SID in the process token. */
    NONE("none", 0),
    /** The service SID is added to the token. */
    UNRESTRICTED("unrestricted", 1),
    /** The service SID is added and the token is write-restricted. */
    RESTRICTED("restricted", 3);

    private final String word;
    private final int scmValue;

    SidType(String word, int scmValue) {
        this.word = word;
        this.scmValue = scmValue;
    }

    public String word() {
        return word;
    }

    public int scmValue() {
        return scmValue;
    }

    public static Optional<SidType> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.word.equals(t)).findFirst();
    }

    public static Optional<SidType> fromScm(int value) {
        return Arrays.stream(values()).filter(s -> s.scmValue == value).findFirst();
    }
}
