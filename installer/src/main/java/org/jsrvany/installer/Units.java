package org.jsrvany.installer;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 1500ms}, {@code 2s}, {@code 1.5m}, {@code 1h}, {@code 1d}) and sizes ({@code 10M}) on the command line. */
final class Units {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|m|min|h|d)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?");

    private Units() {
    }

    /**
     * Parses a duration; a bare number is in {@code bareUnit} ("ms" or "s").
     *
     * @return empty when the text is not a duration
     */
    static Optional<Duration> duration(String text, String bareUnit) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? bareUnit : m.group(2);
        BigDecimal millisPerUnit = BigDecimal.valueOf(switch (unit) {
            case "ms" -> 1L;
            case "s", "sec" -> 1_000L;
            case "m", "min" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        });
        BigDecimal millis = new BigDecimal(m.group(1)).multiply(millisPerUnit);
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(millis.longValue()));
    }

    /** Parses a size in bytes ({@code K}, {@code M}, {@code G}, {@code T} are powers of 1024). */
    static Optional<Long> size(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1L;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(bytes.longValue());
    }

    /** A short human size: {@code 512 B}, {@code 12.3 MiB}, {@code 1.5 GiB}. */
    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A short human form: {@code 1500 ms}, {@code 2 s}, {@code 5 min}, {@code 1 h 30 min}. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 10_000 && ms % 1000 != 0) {
            return ms + " ms";
        }
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        long days = s / 86_400;
        long hours = s % 86_400 / 3600;
        long minutes = s % 3600 / 60;
        StringBuilder sb = new StringBuilder();
        if (days > 0) {
            sb.append(days).append(" d ");
        }
        if (hours > 0) {
            sb.append(hours).append(" h ");
        }
        if (minutes > 0 || sb.length() == 0) {
            sb.append(minutes).append(" min ");
        }
        return sb.toString().strip();
    }

    /** The shortest exact command-line form: {@code 1500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d}. */
    static String exact(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
