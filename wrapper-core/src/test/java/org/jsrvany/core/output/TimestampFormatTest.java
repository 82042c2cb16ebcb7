package org.jsrvany.core.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampFormatTest {

    @ParameterizedTest(name = "{0} in {1} -> ''{2}''")
    @CsvSource({
            "2024-05-01T13:45:12.345Z, UTC,              '2024-05-01T13:45:12.345 '",
            "2024-05-01T13:45:12.345Z, +02:00,           '2024-05-01T15:45:12.345 '",
            "2024-01-02T03:04:05.006Z, UTC,              '2024-01-02T03:04:05.006 '",
            "2024-12-31T23:59:59.999Z, +01:00,           '2025-01-01T00:59:59.999 '",
            "2024-07-01T10:00:00.000Z, Europe/Berlin,    '2024-07-01T12:00:00.000 '",
            "0999-03-04T05:06:07.080Z, UTC,              '0999-03-04T05:06:07.080 '",
    })
    void formatsIsoLocalDateTimeWithMillisAndASpace(String instant, String zone, String expected) {
        TimestampFormat format = new TimestampFormat(ZoneId.of(zone));
        byte[] prefix = format.prefix(Instant.parse(instant).toEpochMilli());
        assertThat(prefix).hasSize(TimestampFormat.LENGTH);
        assertThat(new String(prefix, StandardCharsets.US_ASCII)).isEqualTo(expected);
    }

    @Test
    void cacheFollowsTheClock() {
        TimestampFormat format = new TimestampFormat(ZoneOffset.UTC);
        long t = Instant.parse("2024-05-01T13:45:12.345Z").toEpochMilli();
        String first = new String(format.prefix(t), StandardCharsets.US_ASCII);
        String same = new String(format.prefix(t), StandardCharsets.US_ASCII);
        String next = new String(format.prefix(t + 1), StandardCharsets.US_ASCII);
        assertThat(same).isEqualTo(first);
        assertThat(next).isEqualTo("2024-05-01T13:45:12.346 ");
    }
}
