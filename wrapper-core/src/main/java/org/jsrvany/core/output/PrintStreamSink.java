package org.jsrvany.core.output;

import java.io.IOException;
import java.io.PrintStream;

/** Console mode: bytes go to a PrintStream unchanged. Its swallowed errors are turned into exceptions. */
final class PrintStreamSink implements Sink {

    private final PrintStream stream;
    private final String name;

    PrintStreamSink(PrintStream stream, String name) {
        this.stream = stream;
        this.name = name;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        stream.write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        if (stream.checkError()) { // flushes, then reports the sticky error flag
            throw new IOException("writing to the console stream " + name + " failed (PrintStream error flag set)");
        }
    }

    @Override
    public void close() throws IOException {
        flush(); // never close the console streams: they are not ours
    }

    @Override
    public String describe() {
        return "console " + name;
    }
}
