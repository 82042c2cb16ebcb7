package org.jsrvany.core.output;

import java.nio.file.Path;
import java.time.Duration;

/** Fluent builder for {@link OutputSettings} in tests (NSSM defaults: append, no rotation). */
final class TestSettings {

    private Path stdout;
    private Path stderr;
    private boolean stdoutAppend = true;
    private boolean stderrAppend = true;
    private boolean timestamps;
    private boolean rotateOnStart;
    private Duration rotateMinAge = Duration.ZERO;
    private boolean rotateOnline;
    private long rotateBytes;
    private Duration rotatePeriod = Duration.ZERO;
    private int keep;

    static TestSettings console() {
        return new TestSettings();
    }

    static TestSettings files(Path stdout, Path stderr) {
        TestSettings s = new TestSettings();
        s.stdout = stdout;
        s.stderr = stderr;
        return s;
    }

    TestSettings truncate() {
        stdoutAppend = false;
        stderrAppend = false;
        return this;
    }

    TestSettings timestamps() {
        timestamps = true;
        return this;
    }

    TestSettings rotateOnStart(Duration minAge) {
        rotateOnStart = true;
        rotateMinAge = minAge;
        return this;
    }

    TestSettings rotateBytes(long bytes) {
        rotateOnline = true;
        rotateBytes = bytes;
        return this;
    }

    /** Sets the size threshold without turning on online rotation (it then gates rotation at start). */
    TestSettings startThreshold(long bytes) {
        rotateBytes = bytes;
        return this;
    }

    TestSettings rotatePeriod(Duration period) {
        rotateOnline = true;
        rotatePeriod = period;
        return this;
    }

    TestSettings keep(int count) {
        keep = count;
        return this;
    }

    OutputSettings build() {
        return new OutputSettings(stdout, stderr, stdoutAppend, stderrAppend, timestamps, rotateOnStart,
                rotateMinAge, rotateOnline, rotateBytes, rotatePeriod, keep);
    }
}
