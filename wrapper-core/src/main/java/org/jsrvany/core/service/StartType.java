package org.jsrvany.core.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** When the SCM starts the service. */
public enum StartType {
    /** At boot ({@code SERVICE_AUTO_START}). */
    AUTO("auto", 2),
    /** At boot, shortly after the other automatic services ({@code SERVICE_AUTO_START} plus the delayed flag). */
    DELAYED_AUTO("delayed-auto", 2),
    /** When someone starts it ({@code SERVICE_DEMAND_START}). */
    MANUAL("manual", 3),
    /** Never ({@code SERVICE_DISABLED}). */
    DISABLED("disabled", 4);

    private final String word;
    private final int scmValue;

    StartType(String word, int scmValue) {
        this.word = word;
        this.scmValue = scmValue;
    }

    /** The word the command line uses. */
    public String word() {
        return word;
    }

    /** {@code dwStartType} for CreateService/ChangeServiceConfig (the delayed flag is separate). */
    public int scmValue() {
        return scmValue;
    }

    /** Parses the command line's word (also NSSM's and sc's: {@code demand}, {@code SERVICE_AUTO_START}...). */
    public static Optional<StartType> parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "demand", "service-demand-start", "3" -> Optional.of(MANUAL);
            case "service-auto-start", "automatic", "2" -> Optional.of(AUTO);
            case "delayed", "delayed-auto-start", "service-delayed-auto-start", "delayed-automatic" -> Optional.of(DELAYED_AUTO);
            case "service-disabled", "4" -> Optional.of(DISABLED);
            default -> Arrays.stream(values()).filter(s -> s.word.equals(t)).findFirst();
        };
    }

    /** From {@code dwStartType} and the delayed flag (boot and system start types are drivers' and read as auto). */
    public static StartType fromScm(int startType, boolean delayed) {
        return switch (startType) {
            case 3 -> MANUAL;
            case 4 -> DISABLED;
            default -> delayed ? DELAYED_AUTO : AUTO;
        };
    }
}
