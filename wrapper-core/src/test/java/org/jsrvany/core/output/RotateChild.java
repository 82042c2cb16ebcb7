package org.jsrvany.core.output;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test child program: writes {@code line 0}, {@code line 1} ... to stdout as fast as it can, in writes
 * that end anywhere in a line, until the file named by its argument exists; then it ends its last line
 * and exits. What it wrote is a pure function of the count, so a test can check every line arrived once.
 */
public final class RotateChild {
    private RotateChild() {
    }

    public static void main(String[] args) throws IOException {
        Path stop = Path.of(args[0]);
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 777);
        for (long i = 0; ; i++) {
            out.write(("line " + i + "\n").getBytes(StandardCharsets.US_ASCII));
            if (i % 500 == 0 && Files.exists(stop)) {
                break;
            }
        }
        out.flush();
    }
}
