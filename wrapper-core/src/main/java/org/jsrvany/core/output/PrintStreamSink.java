package org.jsrvany.core.output;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Console mode: units go to a PrintStream unchanged (no timestamps), each as one write under
 * {@link #CONSOLE}, the lock that every console write of the wrapper takes (the program's lines on
 * stdout and stderr, and the wrapper's own lines through {@link OutputCapture#printLine}): stdout and
 * stderr usually end on one terminal, where two concurrent writes could otherwise interleave. Since
 * every unit is a whole line, what the wrapper prints always starts at a line start. The PrintStream's
 * swallowed errors are turned into exceptions.
 */
final class PrintStreamSink implements Sink {

    /** Held for each write to a console stream, by every capture in this JVM and by the wrapper's own lines. */
    static final Object CONSOLE = new Object();

    private final PrintStream stream;
    private final String name;

    PrintStreamSink(PrintStream stream, String name) {
        this.stream = stream;
        this.name = name;
    }

    @Override
    public void write(byte[] prefix, byte[] data, int offset, int length, byte[] suffix, int programBytes, long now)
            throws IOException {
        byte[] bytes = data;
        int off = offset;
        int len = length;
        if (suffix != null) { // rare (a cut line, an unfinished last line): one write all the same
            bytes = new byte[length + suffix.length];
            System.arraycopy(data, offset, bytes, 0, length);
            System.arraycopy(suffix, 0, bytes, length, suffix.length);
            off = 0;
            len = bytes.length;
        }
        synchronized (CONSOLE) {
            stream.write(bytes, off, len);
            flush(now);
        }
    }

    @Override
    public void flush(long now) throws IOException {
        if (stream.checkError()) { // flushes, then reports the sticky error flag
            throw new IOException("writing to the console stream " + name + " failed (PrintStream error flag set)");
        }
    }

    @Override
    public void close() throws IOException {
        flush(0); // never close the console streams: they are not ours
    }

    @Override
    public String describe() {
        return "console " + name;
    }
}
