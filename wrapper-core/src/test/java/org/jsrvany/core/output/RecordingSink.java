package org.jsrvany.core.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An in-memory sink that records each unit separately; can be told to fail, or to report a loss. */
final class RecordingSink implements Sink {

    final List<byte[]> units = new ArrayList<>();
    final ByteArrayOutputStream all = new ByteArrayOutputStream();
    volatile boolean failing;
    /** Reported once by the next takeLost, as if accepted bytes had been lost (a deleted file). */
    long lostToReport;
    long programBytes;
    int flushes;
    boolean closed;
    /** A size limit as FileSink applies it (0: none): a unit that would pass it starts a new "file". */
    long rotateBytes;
    /** Bytes in the current "file" since the last rotation. */
    long since;
    /** Before which units (their indexes) a rotation came. */
    final List<Integer> rotations = new ArrayList<>();

    @Override
    public long room(long now) {
        return RotationRules.room(since, rotateBytes);
    }

    @Override
    public long takeLost(long now) {
        long l = lostToReport;
        lostToReport = 0;
        return l;
    }

    @Override
    public void write(byte[] prefix, byte[] data, int offset, int length, byte[] suffix, int program, long now)
            throws IOException {
        if (failing) {
            throw new IOException("disk full (test)");
        }
        ByteArrayOutputStream unit = new ByteArrayOutputStream();
        if (prefix != null) {
            unit.write(prefix, 0, prefix.length);
        }
        unit.write(data, offset, length);
        if (suffix != null) {
            unit.write(suffix, 0, suffix.length);
        }
        if (rotateBytes > 0 && since > 0 && since + unit.size() > rotateBytes) {
            rotations.add(units.size());
            since = 0;
        }
        since += unit.size();
        units.add(unit.toByteArray());
        all.writeBytes(unit.toByteArray());
        programBytes += program;
    }

    @Override
    public void flush(long now) throws IOException {
        flushes++;
        if (failing) {
            throw new IOException("disk full (test)");
        }
    }

    @Override
    public void close() throws IOException {
        flush(0);
        closed = true;
    }

    List<String> unitStrings() {
        List<String> out = new ArrayList<>();
        for (byte[] u : units) {
            out.add(new String(u, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    /** The "files" the units went to, split at the rotations. */
    List<String> files() {
        List<String> files = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < units.size(); i++) {
            if (rotations.contains(i)) {
                files.add(current.toString());
                current.setLength(0);
            }
            current.append(new String(units.get(i), StandardCharsets.ISO_8859_1));
        }
        files.add(current.toString());
        return files;
    }

    String text() {
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String describe() {
        return "recording sink";
    }
}
