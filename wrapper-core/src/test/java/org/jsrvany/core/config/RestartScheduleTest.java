package org.jsrvany.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The schedule arithmetic, across Europe/Berlin's two clock changes of 2026 (29 March, 25 October). */
class RestartScheduleTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    @ParameterizedTest(name = "{0}: now {1}, daily at {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "an ordinary day, later today | 2026-03-10T01:00+01:00 | 03:00 | 2026-03-10T03:00+01:00",
            "exactly at the time: tomorrow | 2026-03-10T03:00+01:00 | 03:00 | 2026-03-11T03:00+01:00",
            "just after the time: tomorrow | 2026-03-10T03:00:01+01:00 | 03:00 | 2026-03-11T03:00+01:00",
            // spring forward: 02:00 CET jumps to 03:00 CEST
            "spring day, a time after the jump | 2026-03-29T01:00+01:00 | 03:00 | 2026-03-29T03:00+02:00",
            "spring day, a time in the gap moves on 1 h | 2026-03-29T01:00+01:00 | 02:30 | 2026-03-29T03:30+02:00",
            "spring day seen the evening before | 2026-03-28T04:00+01:00 | 02:30 | 2026-03-29T03:30+02:00",
            "the day after spring, summer time | 2026-03-29T04:00+02:00 | 02:30 | 2026-03-30T02:30+02:00",
            "spring day, a time before the jump | 2026-03-29T00:10+01:00 | 01:30 | 2026-03-29T01:30+01:00",
            // fall back: 03:00 CEST goes back to 02:00 CET, 02:00 to 02:59 happen twice
            "autumn day, a repeated time: its first one | 2026-10-25T01:00+02:00 | 02:30 | 2026-10-25T02:30+02:00",
            "autumn day, right after the first: tomorrow | 2026-10-25T02:30:01+02:00 | 02:30 | 2026-10-26T02:30+01:00",
            "autumn day, in the repeated hour: tomorrow | 2026-10-25T02:10+01:00 | 02:30 | 2026-10-26T02:30+01:00",
            "autumn day, a time after the change | 2026-10-25T01:00+02:00 | 03:00 | 2026-10-25T03:00+01:00",
            "autumn day, midnight to midnight | 2026-10-24T23:59+02:00 | 00:00 | 2026-10-25T00:00+02:00",
    })
    void dailyFollowsTheLocalClock(String why, String now, String time, String expected) {
        RestartSchedule daily = new RestartSchedule(RestartSchedule.parseTime(time), Optional.empty());
        assertThat(daily.next(at(now), at(now), BERLIN)).as(why).contains(at(expected));
    }

    @Test
    void aRepeatedHourRestartsOnceAndAGapDayStillRestartsOnce() {
        RestartSchedule daily = new RestartSchedule(Optional.of(LocalTime.of(2, 30)), Optional.empty());
        // Walk the autumn night in minutes: the 02:30 restart fires once, not at both 02:30s.
        Instant t = at("2026-10-24T23:00+02:00");
        int fired = 0;
        Instant due = daily.next(t, t, BERLIN).orElseThrow();
        while (t.isBefore(at("2026-10-25T12:00+01:00"))) {
            if (!t.isBefore(due)) {
                fired++;
                due = daily.next(t, t, BERLIN).orElseThrow();
            }
            t = t.plus(Duration.ofMinutes(1));
        }
        assertThat(fired).isEqualTo(1);
        // The spring night: 02:30 does not exist, the restart still happens once (at 03:30 CEST).
        t = at("2026-03-28T23:00+01:00");
        fired = 0;
        due = daily.next(t, t, BERLIN).orElseThrow();
        while (t.isBefore(at("2026-03-29T12:00+02:00"))) {
            if (!t.isBefore(due)) {
                fired++;
                due = daily.next(t, t, BERLIN).orElseThrow();
            }
            t = t.plus(Duration.ofMinutes(1));
        }
        assertThat(fired).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a run younger than the period | 2026-10-25T00:00:00Z | 2026-10-25T01:00:00Z | 2026-10-25T06:00:00Z",
            "an overdue run restarts now | 2026-10-25T00:00:00Z | 2026-10-25T07:00:00Z | 2026-10-25T07:00:00Z",
            // elapsed time, not the clock: six real hours across the change (the clocks show 7 h in between)
            "across the autumn change | 2026-10-24T22:00:00Z | 2026-10-24T23:00:00Z | 2026-10-25T04:00:00Z",
    })
    void everyCountsElapsedTimeFromTheRunsStart(String why, String started, String now, String expected) {
        RestartSchedule every = new RestartSchedule(Optional.empty(), Optional.of(Duration.ofHours(6)));
        assertThat(every.next(Instant.parse(started), Instant.parse(now), BERLIN)).as(why).contains(Instant.parse(expected));
    }

    @Test
    void bothSetTheEarlierWins() {
        RestartSchedule both = new RestartSchedule(Optional.of(LocalTime.of(3, 0)), Optional.of(Duration.ofHours(6)));
        Instant started = at("2026-03-10T00:00+01:00");
        assertThat(both.next(started, started, BERLIN)).contains(at("2026-03-10T03:00+01:00"));
        Instant lateStart = at("2026-03-10T04:00+01:00");
        assertThat(both.next(lateStart, lateStart, BERLIN)).contains(at("2026-03-10T10:00+01:00"));
    }

    @Test
    void offMeansNever() {
        assertThat(RestartSchedule.NONE.isOff()).isTrue();
        assertThat(RestartSchedule.NONE.next(Instant.EPOCH, Instant.EPOCH, BERLIN)).isEmpty();
        assertThatThrownBy(() -> new RestartSchedule(Optional.empty(), Optional.of(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "-", value = {"03:00, 03:00", "3:00, 03:00", "' 07:05 ', 07:05", "23:59, 23:59", "00:00, 00:00",
            "24:00, -", "03:60, -", "3, -", "'', -", "3am, -", "03:00:00, -", "-1:00, -"})
    void timesAreHhMmOnATwentyFourHourClock(String text, String expected) {
        assertThat(RestartSchedule.parseTime(text)).isEqualTo(Optional.ofNullable(expected).map(LocalTime::parse));
    }
}
