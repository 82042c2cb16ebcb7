package org.jsrvany.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One readiness, liveness or start-condition check as written in {@code AppReadyCheck},
 * {@code AppHealthCheck} or {@code AppStartCondition} (docs/readiness-health.md):
 * {@code tcp:HOST:PORT}, {@code http://...} or {@code https://...}, {@code file:PATH},
 * {@code output:REGEX} or {@code cmd:COMMAND LINE}. Which forms a parameter accepts is given by
 * {@link #parse}'s {@code allowed}.
 */
public sealed interface Check {

    /** The check's kind, as written before the colon. */
    enum Kind { TCP, HTTP, FILE, OUTPUT, CMD }

    Kind kind();

    /** The check as people read it in logs and events: {@code tcp:127.0.0.1:8080}. */
    String describe();

    /** A TCP port accepts a connection. */
    record Tcp(String host, int port) implements Check {
        public Tcp {
            Objects.requireNonNull(host);
        }

        @Override
        public Kind kind() {
            return Kind.TCP;
        }

        @Override
        public String describe() {
            return "tcp:" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /** An HTTP or HTTPS GET answers with a 2xx status. */
    record Http(URI uri) implements Check {
        public Http {
            Objects.requireNonNull(uri);
        }

        @Override
        public Kind kind() {
            return Kind.HTTP;
        }

        @Override
        public String describe() {
            return uri.toString();
        }
    }

    /** A file exists (relative paths are taken from the working directory). */
    record FileExists(Path path) implements Check {
        public FileExists {
            Objects.requireNonNull(path);
        }

        @Override
        public Kind kind() {
            return Kind.FILE;
        }

        @Override
        public String describe() {
            return "file:" + path;
        }
    }

    /** A line of the program's output (stdout or stderr) matches the pattern somewhere ({@code find}). */
    record OutputLine(Pattern pattern) implements Check {
        public OutputLine {
            Objects.requireNonNull(pattern);
        }

        @Override
        public Kind kind() {
            return Kind.OUTPUT;
        }

        @Override
        public String describe() {
            return "output:" + pattern.pattern();
        }
    }

    /** A command (a Windows-style command line, run in the working directory with the program's environment) exits with 0. */
    record Command(String commandLine) implements Check {
        public Command {
            Objects.requireNonNull(commandLine);
        }

        @Override
        public Kind kind() {
            return Kind.CMD;
        }

        @Override
        public String describe() {
            return "cmd:" + commandLine;
        }
    }

    /**
     * Parses a check; the exception's message is a sentence naming the parameter, the value and the
     * forms it accepts.
     *
     * @param param   the parameter, for the message
     * @param text    the value (already trimmed)
     * @param allowed the forms this parameter accepts
     * @param base    the folder relative file paths are taken from
     */
    static Check parse(Param param, String text, Set<Kind> allowed, Path base) throws IllegalArgumentException {
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        Kind kind = switch (scheme) {
            case "tcp" -> Kind.TCP;
            case "http", "https" -> Kind.HTTP;
            case "file" -> Kind.FILE;
            case "output" -> Kind.OUTPUT;
            case "cmd" -> Kind.CMD;
            default -> null;
        };
        if (kind == null || !allowed.contains(kind)) {
            throw new IllegalArgumentException(param.registryName() + " is '" + text + "': expected " + forms(allowed)
                    + " (docs/readiness-health.md).");
        }
        return switch (kind) {
            case TCP -> tcp(param, text, rest);
            case HTTP -> http(param, text);
            case FILE -> {
                if (rest.isBlank()) {
                    throw new IllegalArgumentException(param.registryName() + " is '" + text + "': file: needs a path,"
                            + " such as file:C:\\app\\ready.flag.");
                }
                try {
                    yield new FileExists(base.resolve(rest.strip()).normalize());
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException(param.registryName() + " is '" + text + "': '" + rest
                            + "' is not a valid path (" + e.getReason() + ").", e);
                }
            }
            case OUTPUT -> {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(param.registryName() + " is '" + text + "': output: needs a"
                            + " regular expression, such as output:Started .* in \\d+ ms.");
                }
                try {
                    yield new OutputLine(Pattern.compile(rest));
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException(param.registryName() + " is '" + text + "': '" + rest
                            + "' is not a valid regular expression (" + e.getDescription() + " near position "
                            + e.getIndex() + ").", e);
                }
            }
            case CMD -> {
                if (rest.isBlank()) {
                    throw new IllegalArgumentException(param.registryName() + " is '" + text + "': cmd: needs a command"
                            + " line, such as cmd:C:\\app\\check.exe --quick.");
                }
                yield new Command(rest.strip());
            }
        };
    }

    private static Check tcp(Param param, String text, String rest) {
        String host;
        String port;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = close < 0 ? "" : rest.substring(1, close);
            port = close < 0 || close + 1 >= rest.length() || rest.charAt(close + 1) != ':' ? "" : rest.substring(close + 2);
        } else {
            int last = rest.lastIndexOf(':');
            host = last < 0 ? "" : rest.substring(0, last);
            port = last < 0 ? "" : rest.substring(last + 1);
        }
        int number;
        try {
            number = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (host.isBlank() || number < 1 || number > 65535) {
            throw new IllegalArgumentException(param.registryName() + " is '" + text + "': expected tcp:HOST:PORT with a"
                    + " port from 1 to 65535, such as tcp:127.0.0.1:8080 (IPv6: tcp:[::1]:8080).");
        }
        return new Tcp(host.strip(), number);
    }

    private static Check http(Param param, String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(param.registryName() + " is '" + text + "': not a valid URL ("
                    + e.getReason() + ").", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(param.registryName() + " is '" + text + "': the URL has no host; expected"
                    + " http://HOST[:PORT]/PATH, such as http://127.0.0.1:8080/health.");
        }
        return new Http(uri);
    }

    private static String forms(Set<Kind> allowed) {
        StringBuilder s = new StringBuilder();
        Kind[] order = {Kind.TCP, Kind.HTTP, Kind.FILE, Kind.OUTPUT, Kind.CMD};
        int n = 0;
        for (Kind k : order) {
            if (!allowed.contains(k)) {
                continue;
            }
            String form = switch (k) {
                case TCP -> "tcp:HOST:PORT";
                case HTTP -> "http://URL or https://URL";
                case FILE -> "file:PATH";
                case OUTPUT -> "output:REGEX";
                case CMD -> "cmd:COMMAND LINE";
            };
            n++;
            s.append(n == 1 ? "" : n == allowed.size() ? " or " : ", ").append(form);
        }
        return s.toString();
    }
}
