package org.jsrvany.core.output;

import java.io.IOException;
import java.nio.file.Path;

/** An output file is already being written by another wrapper (its lock file is held). */
final class OutputInUseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path lockFile;

    OutputInUseException(String message, Path lockFile) {
        super(message);
        this.lockFile = lockFile;
    }

    /** The held lock file. */
    Path lockFile() {
        return lockFile;
    }
}
