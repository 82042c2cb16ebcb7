package org.jsrvany.core.output;

import java.nio.file.Path;

/**
 * Told around every rotation of an output file, on the thread that rotates (the one place rotation
 * happens: {@code FileSink.rotate}, at start, by size, by period, and any later request passing
 * through it). Used for NSSM's {@code Rotate/Pre} and {@code Rotate/Post} hooks; a listener that takes
 * long holds the program's output back meanwhile (as NSSM's do).
 */
public interface RotationListener {
    /** Nothing to tell. */
    RotationListener NONE = new RotationListener() {
    };

    /** {@code file} is about to be rotated. */
    default void beforeRotation(Path file) {
    }

    /** {@code file} was renamed to {@code rotatedTo}; a new {@code file} is opened next. */
    default void afterRotation(Path file, Path rotatedTo) {
    }
}
