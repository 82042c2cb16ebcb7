package org.jsrvany.core.health;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsrvany.core.output.ChildOutput;

/**
 * Watches the program's output on its way to the capture, for {@code output:REGEX} readiness and
 * {@code AppHealthSilence}: a {@link ChildOutput} that wraps each run's streams before handing them
 * on. Every read notes the time; until a line matched, the bytes read are cut into lines (at most
 * {@link #MAX_LINE} bytes are kept of each, decoded as UTF-8) and matched. The capture sees exactly
 * the bytes it would have seen, in the same reads; nothing is buffered on the way.
 *
 * <p>Used only when a check needs it ({@link org.jsrvany.core.config.HealthSettings#watchesOutput()}):
 * otherwise {@link #wrap} returns the capture itself.
 */
public final class OutputWatch implements ChildOutput {
    /** Bytes of a line kept for matching; the rest of a longer line is not looked at. */
    static final int MAX_LINE = 4096;

    private final ChildOutput target;
    private final Pattern pattern;
    private final Clock clock;
    private volatile long lastOutputMillis;
    private volatile String matched;

    private OutputWatch(ChildOutput target, Pattern pattern, Clock clock) {
        this.target = target;
        this.pattern = pattern;
        this.clock = clock;
        this.lastOutputMillis = clock.millis();
    }

    /** A watch that sees nothing (no output check configured). */
    public static OutputWatch none() {
        return new OutputWatch(null, null, Clock.systemUTC());
    }

    /**
     * A watch in front of {@code target}.
     *
     * @param pattern the readiness pattern, or null when only the time of the last output matters
     */
    public static OutputWatch wrap(ChildOutput target, Pattern pattern, Clock clock) {
        return new OutputWatch(Objects.requireNonNull(target), pattern, Objects.requireNonNull(clock));
    }

    /** Whether this watch is in front of a capture ({@link #none()} is not). */
    public boolean active() {
        return target != null;
    }

    /** The first line of the current run that matched the pattern, if one has. */
    public Optional<String> matchedLine() {
        return Optional.ofNullable(matched);
    }

    /** When the program last wrote output, or when the current run was attached if it has not written yet. */
    public Instant lastOutput() {
        return Instant.ofEpochMilli(lastOutputMillis);
    }

    /** Counts the silence from now (the program was frozen, so it could not write). */
    public void touch() {
        lastOutputMillis = clock.millis();
    }

    @Override
    public void attach(InputStream stdout, InputStream stderr) throws IOException {
        matched = null;
        lastOutputMillis = clock.millis();
        target.attach(tap(stdout), tap(stderr));
    }

    @Override
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        return target.awaitDrained(timeout);
    }

    private InputStream tap(InputStream in) {
        return in == null ? null : new Tap(in);
    }

    /** Passes reads through unchanged, noting the time and cutting lines for the pattern. */
    private final class Tap extends FilterInputStream {
        private final byte[] line = new byte[MAX_LINE];
        private int length;

        Tap(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                seen(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                seen(b, off, n);
            }
            return n;
        }

        private void seen(byte[] b, int off, int n) {
            lastOutputMillis = clock.millis();
            if (pattern == null || matched != null) {
                return;
            }
            for (int i = off; i < off + n; i++) {
                byte c = b[i];
                if (c == '\n') {
                    match();
                    length = 0;
                } else if (length < MAX_LINE) {
                    line[length++] = c;
                }
            }
        }

        private void match() {
            int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
            String text = new String(line, 0, end, StandardCharsets.UTF_8);
            if (matched == null && pattern.matcher(text).find()) {
                matched = text;
            }
        }
    }
}
