package org.jsrvany.installer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

/**
 * Runs installer command lines in-process against the fakes: captured out/err, a manual clock that
 * the sleeper advances (no test ever sleeps), scripted password prompts, and real files for the
 * program, the Java runtime and the launcher jar (the validator checks that they exist).
 */
final class Harness {
    final FakeServiceManager scm = new FakeServiceManager();
    final FakeParameterStore store = new FakeParameterStore();
    final FakeEventSources events = new FakeEventSources();
    final FakeAccessControl acl = new FakeAccessControl();
    final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T10:00:00Z"));
    final Deque<char[]> prompts = new ArrayDeque<>();
    final Path dir;
    final Path app;
    final Path appDir;
    final Path java;
    final Path launcher;
    final Path programData;
    byte[] stdin = new byte[0];
    boolean console = true;

    Harness(Path dir) throws IOException {
        this.dir = dir;
        scm.store = store;
        appDir = Files.createDirectories(dir.resolve("My App"));
        app = executable(appDir.resolve("app.sh"));
        Path jre = Files.createDirectories(dir.resolve("Java Runtime").resolve("bin"));
        java = Files.writeString(jre.resolve("java.exe"), "not really java");
        Path dist = Files.createDirectories(dir.resolve("jsrvany dist"));
        launcher = Files.writeString(dist.resolve("jsrvany-launcher.jar"), "not really a jar");
        Files.writeString(dist.resolve("jnidispatch.dll"), "not really JNA's library");
        programData = Files.createDirectories(dir.resolve("ProgramData"));
    }

    static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** One command's outcome. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }

    Context context(PrintStream out, PrintStream err) {
        Context.Layout layout = new Context.Layout(java.toString(), Optional.of(launcher.toString()), programData);
        return new Context(() -> scm, () -> store, () -> events, () -> acl, layout, Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"), false,
                clock, clock::advance, prompt -> console ? Optional.ofNullable(prompts.poll()) : Optional.empty(),
                new ByteArrayInputStream(stdin), out, err);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = InstallerMain.execute(context(o, e), args);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Installs NAME running the harness's program, and clears the call logs. */
    Result installed(String name, String... options) {
        String[] args = new String[options.length + 3];
        args[0] = "install";
        args[1] = name;
        args[2] = app.toString();
        System.arraycopy(options, 0, args, 3, options.length);
        Result r = run(args);
        if (r.exit() != 0) {
            throw new AssertionError("install failed: " + r);
        }
        scm.calls.clear();
        store.writes.clear();
        events.writes.clear();
        acl.secured.clear();
        return r;
    }

    /** A clock tests move by hand; the harness's sleeper moves it instead of sleeping. */
    static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
