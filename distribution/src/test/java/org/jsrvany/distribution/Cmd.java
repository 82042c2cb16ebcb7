package org.jsrvany.distribution;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a batch file with {@code cmd.exe /d /c}, the way an administrator's prompt or script runs jsrvany.cmd. */
final class Cmd {
    private Cmd() {
    }

    /** What a batch file did. */
    record Result(int exit, String out, String err) {
        /** The {@code ARG[...]} lines {@link EchoArgs} printed, unwrapped. */
        List<String> args() {
            List<String> args = new ArrayList<>();
            for (String line : out.split("\r?\n")) {
                if (line.startsWith("ARG[") && line.endsWith("]")) {
                    args.add(line.substring(4, line.length() - 1));
                }
            }
            return args;
        }

        /** The value {@link EchoArgs} printed for a system property. */
        String property(String name) {
            for (String line : out.split("\r?\n")) {
                if (line.startsWith("PROP " + name + "[") && line.endsWith("]")) {
                    return line.substring(("PROP " + name + "[").length(), line.length() - 1);
                }
            }
            throw new AssertionError("no property " + name + " in " + this);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    /**
     * Writes {@code lines} as a batch file into {@code scratch} (CRLF, the console's code page) and
     * runs it in {@code cwd} with {@code env} changes (a null value removes the variable).
     */
    static Result run(Path scratch, Path cwd, Map<String, String> env, String... lines) throws IOException,
            InterruptedException {
        Path script = Files.createTempFile(scratch, "caller", ".cmd");
        Files.writeString(script, String.join("\r\n", lines) + "\r\n", Charset.defaultCharset());
        Path out = scratch.resolve(script.getFileName() + ".out");
        Path err = scratch.resolve(script.getFileName() + ".err");
        ProcessBuilder pb = new ProcessBuilder("cmd.exe", "/d", "/c", script.toString()).directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nul())).redirectOutput(out.toFile()).redirectError(err.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("cmd /c " + script + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), Files.readString(out, Charset.defaultCharset()),
                Files.readString(err, Charset.defaultCharset()));
    }

    private static java.io.File nul() {
        return new java.io.File("NUL");
    }

    /** Quotes a path for a batch line (paths hold no quotes). */
    static String q(Path p) {
        return "\"" + p + "\"";
    }

    /** Whether this Windows is Wine (its registry has HKLM\Software\Wine). */
    static boolean isWine() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("reg.exe", "query", "HKLM\\Software\\Wine")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

}
