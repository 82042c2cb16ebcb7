package org.jsrvany.samples;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The fixture's flags, parsed and validated once. Every flag is optional; {@code --} ends the flags
 * (what follows is only recorded by {@code --dump}).
 */
record FixtureOptions(
        OptionalLong exitAfterMillis,
        int exitCode,
        boolean sleepForever,
        boolean ignoreSigint,
        boolean ignoreSigterm,
        OptionalInt grandchildren,
        Optional<Path> pidsFile,
        int lines,
        int errLines,
        long lineIntervalMillis,
        OptionalLong tickMillis,
        Optional<Path> tickFile,
        OptionalLong floodBytes,
        OptionalLong floodNoNewlineBytes,
        Optional<Path> dumpFile,
        Optional<Path> shutdownMarker,
        OptionalInt httpPort,
        Optional<Path> stateFile,
        OptionalLong startDelayMillis,
        OptionalLong hangAfterMillis) {

    /** Flags that keep the process running until it is killed (unless {@code --exit-after}). */
    boolean longRunning() {
        return sleepForever || tickMillis.isPresent() || httpPort.isPresent() || grandchildren.isPresent();
    }

    static FixtureOptions parse(List<String> args) throws UsageException {
        Parser p = new Parser(args);
        return p.parse();
    }

    /** A malformed command line; the message is one line naming the flag. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private static final class Parser {
        private final List<String> args;
        private final Set<String> seen = new HashSet<>();
        private int index;

        private OptionalLong exitAfterMillis = OptionalLong.empty();
        private int exitCode;
        private boolean sleepForever;
        private boolean ignoreSigint;
        private boolean ignoreSigterm;
        private OptionalInt grandchildren = OptionalInt.empty();
        private Optional<Path> pidsFile = Optional.empty();
        private int lines;
        private int errLines;
        private long lineIntervalMillis;
        private OptionalLong tickMillis = OptionalLong.empty();
        private Optional<Path> tickFile = Optional.empty();
        private OptionalLong floodBytes = OptionalLong.empty();
        private OptionalLong floodNoNewlineBytes = OptionalLong.empty();
        private Optional<Path> dumpFile = Optional.empty();
        private Optional<Path> shutdownMarker = Optional.empty();
        private OptionalInt httpPort = OptionalInt.empty();
        private Optional<Path> stateFile = Optional.empty();
        private OptionalLong startDelayMillis = OptionalLong.empty();
        private OptionalLong hangAfterMillis = OptionalLong.empty();

        Parser(List<String> args) {
            this.args = args;
        }

        FixtureOptions parse() throws UsageException {
            while (index < args.size()) {
                String flag = args.get(index++);
                if (flag.equals("--")) {
                    break;
                }
                if (!seen.add(flag) && flag.startsWith("--")) {
                    throw new UsageException(flag + " given twice");
                }
                switch (flag) {
                    case "--exit-after" -> exitAfterMillis = OptionalLong.of(longValue(flag, 0, Long.MAX_VALUE));
                    case "--exit-code" -> exitCode = (int) longValue(flag, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--sleep-forever" -> sleepForever = true;
                    case "--ignore-sigint" -> ignoreSigint = true;
                    case "--ignore-sigterm" -> ignoreSigterm = true;
                    case "--spawn-grandchildren" -> grandchildren = OptionalInt.of((int) longValue(flag, 0, 1000));
                    case "--pids-file" -> pidsFile = Optional.of(pathValue(flag));
                    case "--lines" -> lines = (int) longValue(flag, 0, Integer.MAX_VALUE);
                    case "--err-lines" -> errLines = (int) longValue(flag, 0, Integer.MAX_VALUE);
                    case "--line-interval" -> lineIntervalMillis = longValue(flag, 0, Long.MAX_VALUE);
                    case "--tick" -> tickMillis = OptionalLong.of(longValue(flag, 1, Long.MAX_VALUE));
                    case "--tick-file" -> tickFile = Optional.of(pathValue(flag));
                    case "--flood" -> floodBytes = OptionalLong.of(longValue(flag, 0, Long.MAX_VALUE));
                    case "--flood-no-newline" -> floodNoNewlineBytes = OptionalLong.of(longValue(flag, 0, Long.MAX_VALUE));
                    case "--dump" -> dumpFile = Optional.of(pathValue(flag));
                    case "--shutdown-marker" -> shutdownMarker = Optional.of(pathValue(flag));
                    case "--http" -> httpPort = OptionalInt.of((int) longValue(flag, 0, 65535));
                    case "--state-file" -> stateFile = Optional.of(pathValue(flag));
                    case "--start-delay" -> startDelayMillis = OptionalLong.of(longValue(flag, 0, Long.MAX_VALUE));
                    case "--hang-after" -> hangAfterMillis = OptionalLong.of(longValue(flag, 0, Long.MAX_VALUE));
                    default -> throw new UsageException("unknown flag '" + flag + "'");
                }
            }
            if (tickFile.isPresent() && tickMillis.isEmpty()) {
                throw new UsageException("--tick-file needs --tick");
            }
            return new FixtureOptions(exitAfterMillis, exitCode, sleepForever, ignoreSigint, ignoreSigterm,
                    grandchildren, pidsFile, lines, errLines, lineIntervalMillis, tickMillis, tickFile, floodBytes,
                    floodNoNewlineBytes, dumpFile, shutdownMarker, httpPort, stateFile, startDelayMillis, hangAfterMillis);
        }

        private String value(String flag) throws UsageException {
            if (index >= args.size()) {
                throw new UsageException(flag + " needs a value");
            }
            return args.get(index++);
        }

        private long longValue(String flag, long min, long max) throws UsageException {
            String text = value(flag);
            long parsed;
            try {
                parsed = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new UsageException(flag + ": not a whole number: '" + text + "'");
            }
            if (parsed < min || parsed > max) {
                throw new UsageException(flag + ": " + parsed + " is outside " + min + ".." + max);
            }
            return parsed;
        }

        private Path pathValue(String flag) throws UsageException {
            String text = value(flag);
            if (text.isEmpty()) {
                throw new UsageException(flag + ": empty path");
            }
            try {
                return Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageException(flag + ": invalid path '" + text + "'");
            }
        }
    }
}
