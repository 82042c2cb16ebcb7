package org.jsrvany.core.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An in-memory sink that records each unit separately; can be told to fail. */
final class RecordingSink implements Sink {

    final List<byte[]> units = new ArrayList<>();
    final ByteArrayOutputStream all = new ByteArrayOutputStream();
    private ByteArrayOutputStream unit;
    volatile boolean failing;
    int flushes;
    boolean closed;

    @Override
    public void beginUnit(int length, long now) throws IOException {
        finishUnit();
        if (failing) {
            throw new IOException("disk full (test)");
        }
        unit = new ByteArrayOutputStream();
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        unit.write(bytes, offset, length);
        all.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        finishUnit();
        flushes++;
        if (failing) {
            throw new IOException("disk full (test)");
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        closed = true;
    }

    private void finishUnit() {
        if (unit != null) {
            units.add(unit.toByteArray());
            unit = null;
        }
    }

    List<String> unitStrings() {
        finishUnit();
        List<String> out = new ArrayList<>();
        for (byte[] u : units) {
            out.add(new String(u, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    String text() {
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String describe() {
        return "recording sink";
    }
}
