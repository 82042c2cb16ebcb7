package org.jsrvany.core.output;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a child's stdout and stderr go and how their files are rotated. Immutable and validated once.
 *
 * <p>Names in brackets are the registry values (NSSM's, plus jsrvany's own {@code AppRotatePeriod}
 * and {@code AppRotateKeep}).
 *
 * @param stdout        [AppStdout] file for the child's stdout; {@code null} = not redirected: the
 *                      console stream given to {@link OutputCapture#open}, or discarded if that is null
 * @param stderr        [AppStderr] same rule; the same path as {@code stdout} (normalised absolute
 *                      paths, compared case-insensitively on Windows) = one combined file in which
 *                      lines of the two streams never mix within a line
 * @param stdoutAppend  [AppStdoutCreationDisposition] true = OPEN_ALWAYS (append, the default),
 *                      false = CREATE_ALWAYS (truncated when first opened); a combined file follows
 *                      {@code stdoutAppend}
 * @param stderrAppend  [AppStderrCreationDisposition] as above, for stderr
 * @param timestamps    [AppTimestampLog] prefix each line written to a file with
 *                      {@code yyyy-MM-ddTHH:mm:ss.SSS } (local time of the clock's zone)
 * @param rotateOnStart [AppRotateFiles] when a child run starts, rename an existing non-empty file
 *                      to {@code <base>-YYYYMMDDTHHMMSS.mmm<ext>} (UTC, as NSSM does)
 * @param rotateMinAge  [AppRotateSeconds] at start, do not rotate a file last written less than this
 *                      long ago ({@link Duration#ZERO} = always rotate)
 * @param rotateOnline  [AppRotateOnline] also rotate while the child runs, when {@code rotateBytes}
 *                      or {@code rotatePeriod} is reached
 * @param rotateBytes   [AppRotateBytes/AppRotateBytesHigh] size threshold, 0 = none; online, a file is
 *                      rotated before a line that would take it past this size; at start (as in
 *                      NSSM) a file smaller than this is not rotated
 * @param rotatePeriod  [AppRotatePeriod] online rotation every period ({@link Duration#ZERO} = none),
 *                      checked when a line is written, so a silent child's file is not rotated
 * @param keep          [AppRotateKeep] rotated files kept per output file, 0 = keep all; the oldest are
 *                      deleted after each rotation
 * @param extras        [AppStdoutCopyAndTruncate, AppStderrCopyAndTruncate, AppOutputCodePage] NSSM's
 *                      copy-and-truncate rotation and the code page the output is decoded from
 */
public record OutputSettings(
        Path stdout,
        Path stderr,
        boolean stdoutAppend,
        boolean stderrAppend,
        boolean timestamps,
        boolean rotateOnStart,
        Duration rotateMinAge,
        boolean rotateOnline,
        long rotateBytes,
        Duration rotatePeriod,
        int keep,
        OutputExtras extras) {

    /** Without {@link OutputExtras}: rotation by renaming, output bytes unchanged. */
    public OutputSettings(Path stdout, Path stderr, boolean stdoutAppend, boolean stderrAppend, boolean timestamps,
                          boolean rotateOnStart, Duration rotateMinAge, boolean rotateOnline, long rotateBytes,
                          Duration rotatePeriod, int keep) {
        this(stdout, stderr, stdoutAppend, stderrAppend, timestamps, rotateOnStart, rotateMinAge, rotateOnline,
                rotateBytes, rotatePeriod, keep, OutputExtras.NONE);
    }

    public OutputSettings {
        if (extras == null) {
            extras = OutputExtras.NONE;
        }
        requireNonNegative("AppRotateSeconds", rotateMinAge);
        requireNonNegative("AppRotatePeriod", rotatePeriod);
        if (rotateBytes < 0) {
            throw new IllegalArgumentException(
                    "AppRotateBytes must be 0 (no size limit) or a positive number of bytes, got " + rotateBytes);
        }
        if (keep < 0) {
            throw new IllegalArgumentException(
                    "AppRotateKeep must be 0 (keep all rotated files) or a positive count, got " + keep);
        }
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be given (use zero for none), got null");
        }
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (none) or positive, got " + value);
        }
    }

    /**
     * Whether an output path names a device by its Windows name ({@code NUL}, {@code COM1},
     * {@code \\.\} paths): NSSM documents device paths for AppStdout/AppStderr; such a destination is
     * written to as it is, never locked or rotated. On POSIX a device is known by what exists on disk.
     */
    public static boolean isWindowsDevice(Path path, boolean windows) {
        return OutputLock.isDevice(path, windows);
    }
}
