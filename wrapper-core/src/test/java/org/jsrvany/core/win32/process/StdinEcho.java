package org.jsrvany.core.win32.process;

import java.io.IOException;

/** Test child program: copies its standard input to its standard output, byte for byte, then exits 0. */
public final class StdinEcho {
    private StdinEcho() {
    }

    public static void main(String[] args) throws IOException {
        System.in.transferTo(System.out);
        System.out.flush();
    }
}
