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
     * How many bytes of whole lines may go into the current file, as one unit, before {@link #online}
     * would rotate in front of one of them: what is left below the limit (all of it while the file has
     * taken nothing since it became current). A single line longer than that is still one unit (it
     * rotates first, or goes alone into a file that has taken nothing). {@link Long#MAX_VALUE} when there
     * is no limit.
     */
    static long room(long sinceRotation, long rotateBytes) {
        if (rotateBytes <= 0) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, rotateBytes - Math.max(0, sinceRotation));
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
