package org.jsrvany.core.output;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Test child program: writes numbered lines to stdout and stderr at the same time, from two threads,
 * in raw writes of random size (so lines reach the pipe split and interleaved). The content is a pure
 * function of the arguments, so a test can compute exactly what each stream must hold.
 *
 * <p>Arguments: {@code lines maxPayload seed [longEvery [longMax]]}: every {@code longEvery}-th line
 * (0 = none) is long: {@link #LONG_PAYLOAD} bytes, or with {@code longMax} between half of it and all of
 * it (so around {@link LineMux#LINE_MAX}, some lines fit it and some do not). Payloads are lower-case
 * letters on stdout and upper-case on stderr, so even a piece of a cut line tells its stream.
 */
public final class OutputChild {

    static final int LONG_PAYLOAD = 150_000;

    private OutputChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        int lines = Integer.parseInt(args[0]);
        int maxPayload = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        int longEvery = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        int longMax = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Thread out = writer(new FileOutputStream(FileDescriptor.out), content('O', lines, maxPayload, longEvery, longMax), seed);
        Thread err = writer(new FileOutputStream(FileDescriptor.err), content('E', lines, maxPayload, longEvery, longMax),
                seed + 1);
        out.join();
        err.join();
    }

    private static Thread writer(OutputStream target, byte[] data, long seed) {
        Thread t = new Thread(() -> {
            Random random = new Random(seed);
            try {
                for (int off = 0; off < data.length; ) {
                    int n = Math.min(1 + random.nextInt(10_000), data.length - off);
                    target.write(data, off, n);
                    off += n;
                }
                target.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        t.start();
        return t;
    }

    /** Everything one stream writes: lines {@code "<tag> <nnnnnn> <payload>\n"}, every 13th ending in CRLF. */
    static byte[] content(char tag, int lines, int maxPayload, int longEvery) {
        return content(tag, lines, maxPayload, longEvery, 0);
    }

    static byte[] content(char tag, int lines, int maxPayload, int longEvery, int longMax) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < lines; i++) {
            byte[] line = line(tag, i, maxPayload, longEvery, longMax);
            all.write(line, 0, line.length);
        }
        return all.toByteArray();
    }

    static byte[] line(char tag, int i, int maxPayload, int longEvery, int longMax) {
        int length;
        if (longEvery > 0 && i % longEvery == longEvery - 1) {
            length = longMax > 0 ? longMax - (int) ((i * 7919L) % (longMax / 2)) : LONG_PAYLOAD;
        } else {
            length = (int) ((i * 7919L) % maxPayload);
        }
        char[] payload = new char[length];
        Arrays.fill(payload, (char) ((tag == 'E' ? 'A' : 'a') + i % 26));
        String end = i % 13 == 12 ? "\r\n" : "\n";
        return String.format("%c %06d %s%s", tag, i, new String(payload), end).getBytes(StandardCharsets.US_ASCII);
    }
}
