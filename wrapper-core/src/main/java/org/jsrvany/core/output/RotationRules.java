package org.jsrvany.core.output;

/** When to rotate: pure decisions over sizes and epoch milliseconds, table-tested. */
final class RotationRules {

    /** What to do before writing the next unit (line or chunk) to a file that rotates online. */
    enum Online {
        /** Write into the current file. */
        NONE,
        /** Rotate the current file first, then write into a fresh one. */
        ROTATE,
        /** The period is over but the file is empty: nothing to rotate, start a new period. */
        RESTART_PERIOD
    }

    private RotationRules() {
    }

    /**
     * @param fileSize      bytes in the current file (including ones still buffered)
     * @param sinceRotation bytes counted against the size limit since the file became current
     * @param unitLength    length of the unit about to be written, prefix included
     * @param rotateBytes   size limit, 0 = none
     * @param periodStart   epoch millis when the current period began
     * @param now           epoch millis now
     * @param period        period in millis, 0 = none
     */
    static Online online(long fileSize, long sinceRotation, int unitLength, long rotateBytes,
                         long periodStart, long now, long period) {
        boolean sizeDue = rotateBytes > 0 && sinceRotation > 0 && sinceRotation + unitLength > rotateBytes;
        boolean timeDue = period > 0 && now - periodStart >= period;
        if (!sizeDue && !timeDue) {
            return Online.NONE;
        }
        return fileSize == 0 ? Online.RESTART_PERIOD : Online.ROTATE;
    }

    /**
     * Whether an existing file is rotated when a child run starts (NSSM's rules: not if empty, not if
     * written within {@code minAge}, not if smaller than a non-zero {@code rotateBytes}).
     */
    static boolean atStart(long fileSize, long lastModified, long now, long minAge, long rotateBytes) {
        if (fileSize <= 0) {
            return false;
        }
        if (rotateBytes > 0 && fileSize < rotateBytes) {
            return false;
        }
        return minAge <= 0 || now - lastModified >= minAge;
    }
}
