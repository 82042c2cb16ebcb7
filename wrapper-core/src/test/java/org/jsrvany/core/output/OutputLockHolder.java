package org.jsrvany.core.output;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Test program: a second wrapper in its own process. Opens a capture of the file given as its argument
 * (stdout and stderr combined), prints {@code holding} and keeps it until its stdin reaches end-of-file;
 * or, refused, prints {@code refused: <message>} and exits with 3.
 */
public final class OutputLockHolder {

    private OutputLockHolder() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        OutputCapture capture;
        try {
            capture = OutputCapture.open(TestSettings.files(file, file).build(), Clock.systemUTC(), null, null);
        } catch (IOException e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(3);
            return;
        }
        System.out.println("holding");
        System.out.flush();
        System.in.transferTo(java.io.OutputStream.nullOutputStream());
        capture.close();
    }
}
