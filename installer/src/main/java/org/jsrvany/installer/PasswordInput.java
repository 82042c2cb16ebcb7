package org.jsrvany.installer;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Gets an account's password from a prompt without echo, or from the first line of standard input;
 * never from the command line. The characters stay in a {@code char[]} the caller wipes.
 */
final class PasswordInput {
    private static final int MAX = 1024;

    private PasswordInput() {
    }

    static char[] read(Context ctx, String account, boolean fromStdin) {
        if (fromStdin) {
            return firstLine(ctx);
        }
        char[] first = ctx.passwords().prompt("Password for " + account + ": ").orElseThrow(() ->
                new InstallerException(Exit.ACCOUNT, "The account " + account + " needs its password, and there is no"
                        + " console to ask on: pipe it in with --password-stdin (never put it on the command line)."));
        char[] second = ctx.passwords().prompt("Password again: ").orElse(new char[0]);
        try {
            if (!Arrays.equals(first, second)) {
                Arrays.fill(first, '\0');
                throw new InstallerException(Exit.ACCOUNT, "The two passwords differ: run the command again.");
            }
            return first;
        } finally {
            Arrays.fill(second, '\0');
        }
    }

    /** The first line of stdin, without its line break. */
    private static char[] firstLine(Context ctx) {
        char[] buf = new char[MAX];
        int n = 0;
        try {
            Reader r = new InputStreamReader(ctx.stdin(), Charset.defaultCharset());
            for (int c = r.read(); c != -1 && c != '\n'; c = r.read()) {
                if (n == buf.length) {
                    Arrays.fill(buf, '\0');
                    throw new InstallerException(Exit.ACCOUNT, "The password on standard input is longer than " + MAX
                            + " characters.");
                }
                buf[n++] = (char) c;
            }
        } catch (IOException e) {
            Arrays.fill(buf, '\0');
            throw new InstallerException(Exit.ACCOUNT, "Could not read the password from standard input: " + e.getMessage(), e);
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        char[] pw = Arrays.copyOf(buf, n);
        Arrays.fill(buf, '\0');
        if (pw.length == 0) {
            throw new InstallerException(Exit.ACCOUNT, "--password-stdin read an empty password: pipe the password in,"
                    + " e.g. Get-Content pw.txt | java -jar jsrvany.jar install ... --password-stdin.");
        }
        return pw;
    }

    static Optional<char[]> none() {
        return Optional.empty();
    }
}
