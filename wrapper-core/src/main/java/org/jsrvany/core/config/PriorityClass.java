package org.jsrvany.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Windows priority classes: {@code AppPriority}'s values, with the names the installer accepts. */
public enum PriorityClass {
    IDLE("idle", 0x40),
    BELOW_NORMAL("below-normal", 0x4000),
    NORMAL("normal", 0x20),
    ABOVE_NORMAL("above-normal", 0x8000),
    HIGH("high", 0x80),
    REALTIME("realtime", 0x100);

    private final String word;
    private final int value;

    PriorityClass(String word, int value) {
        this.word = word;
        this.value = value;
    }

    /** The {@code CREATE_*_PRIORITY_CLASS} constant stored in {@code AppPriority}. */
    public int value() {
        return value;
    }

    /** The name typed on the command line ({@code below-normal}). */
    public String word() {
        return word;
    }

    /** The class with this constant. */
    public static Optional<PriorityClass> of(long value) {
        return Arrays.stream(values()).filter(p -> p.value == value).findFirst();
    }

    /** The class with this name ({@code below-normal}, {@code below_normal} and {@code Below Normal} alike). */
    public static Optional<PriorityClass> byWord(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        return Arrays.stream(values()).filter(p -> p.word.equals(t)).findFirst();
    }

    /** {@code 0x40 idle, 0x4000 below-normal, ...} for messages. */
    public static String choices() {
        return Arrays.stream(values()).map(p -> "0x" + Integer.toHexString(p.value) + " " + p.word)
                .collect(Collectors.joining(", "));
    }
}
