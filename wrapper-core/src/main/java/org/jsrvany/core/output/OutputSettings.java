package org.jsrvany.core.output;

import java.nio.file.Path;
import java.time.Duration;

/** TEMPORARY stand-in until the output branch is merged. */
public record OutputSettings(Path stdout, Path stderr, boolean stdoutAppend, boolean stderrAppend, boolean timestamps,
                             boolean rotateOnStart, Duration rotateMinAge, boolean rotateOnline, long rotateBytes,
                             Duration rotatePeriod, int keep) {
}
