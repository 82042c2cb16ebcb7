package org.jsrvany.core.config;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the program is restarted on a schedule ({@code AppRestartAt}, {@code AppRestartEvery}): daily at a
 * local time, and/or once a run has lasted a given time; the earlier of the two wins.
 *
 * <p>Daily times follow the zone's clock across daylight-saving changes (docs/limits-metrics.md): a time
 * that does not exist that day (clocks go forward over it) is taken as the same time after the jump
 * (02:30 becomes 03:30 in Europe/Berlin on the last Sunday of March); a time that happens twice (clocks go
 * back over it) restarts once, at its first occurrence.
 *
 * @param dailyAt the local time of the daily restart, when there is one
 * @param every   the longest a run may last before it is restarted, when set
 */
public record RestartSchedule(Optional<LocalTime> dailyAt, Optional<Duration> every) {
    /** No scheduled restart (both parameters unset, the default). */
    public static final RestartSchedule NONE = new RestartSchedule(Optional.empty(), Optional.empty());

    private static final Pattern HH_MM = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

    public RestartSchedule {
        Objects.requireNonNull(dailyAt, "dailyAt");
        Objects.requireNonNull(every, "every");
        if (every.isPresent() && (every.get().isNegative() || every.get().isZero())) {
            throw new IllegalArgumentException("every must be positive, not " + every.get());
        }
    }

    public boolean isOff() {
        return dailyAt.isEmpty() && every.isEmpty();
    }

    /**
     * The instant of the next scheduled restart of a run that started at {@code runStarted}, seen at
     * {@code now}: never before {@code now}; empty when no schedule is set.
     */
    public Optional<Instant> next(Instant runStarted, Instant now, ZoneId zone) {
        Optional<Instant> daily = dailyAt.map(at -> nextDaily(at, now, zone));
        Optional<Instant> aged = every.map(e -> {
            Instant due = runStarted.plus(e);
            return due.isBefore(now) ? now : due;
        });
        if (daily.isPresent() && aged.isPresent()) {
            return Optional.of(daily.get().isBefore(aged.get()) ? daily.get() : aged.get());
        }
        return daily.isPresent() ? daily : aged;
    }

    /** The first instant strictly after {@code now} at which the clocks of {@code zone} show {@code at}. */
    static Instant nextDaily(LocalTime at, Instant now, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        for (int i = 0; ; i++) {
            // ZonedDateTime.of: in a gap the time moves forward by the gap's length; in an overlap the
            // earlier offset is taken, so a repeated hour restarts once, at its first occurrence.
            Instant candidate = ZonedDateTime.of(day.plusDays(i), at, zone).toInstant();
            if (candidate.isAfter(now)) {
                return candidate;
            }
        }
    }

    /** {@code HH:MM} on a 24-hour clock ({@code 3:00}, {@code 03:00}, {@code 23:59}); empty when not that. */
    public static Optional<LocalTime> parseTime(String text) {
        Matcher m = HH_MM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
    }
}
