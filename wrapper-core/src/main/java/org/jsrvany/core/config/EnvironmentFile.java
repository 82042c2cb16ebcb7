package org.jsrvany.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code AppEnvironmentFile}: {@code KEY=VALUE} lines for the program's environment, read when the
 * service starts. The format is Docker's {@code --env-file}: one variable per line, everything after
 * the first {@code =} is the value exactly as written (no quotes removed, no {@code %VAR%} expanded,
 * so a secret is never changed), blank lines and lines starting with {@code #} are skipped, a UTF-8
 * byte order mark and CR line ends are accepted.
 *
 * <p>The file often holds secrets: no sentence made here contains a value, only the file, the line
 * number and the variable's name.
 */
public final class EnvironmentFile {
    /** The largest file read: an environment takes a few kilobytes (Windows allows 32767 characters per variable). */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private EnvironmentFile() {
    }

    /** The entries in file order, as {@code KEY=VALUE}, or the problems (each names the file and line). */
    public record Result(List<String> entries, List<String> problems) {
        public Result {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }
    }

    /** Reads and parses the file; a file that cannot be read is one problem naming it and why. */
    public static Result read(Path file) {
        String where = "AppEnvironmentFile " + file;
        if (!Files.exists(file)) {
            return failed(where + " does not exist: create it, or correct AppEnvironmentFile (a relative path is taken"
                    + " from AppDirectory).");
        }
        if (!Files.isRegularFile(file)) {
            return failed(where + " is " + FileKinds.of(file) + ", not a file: name a text file of KEY=VALUE lines.");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            return failed(where + " does not exist: create it, or correct AppEnvironmentFile.");
        } catch (AccessDeniedException e) {
            return failed(where + " cannot be read: permission denied. Give the service's account read access to it"
                    + " (and nobody else: it may hold secrets).");
        } catch (IOException e) {
            return failed(where + " cannot be read: " + e.getMessage() + ".");
        }
        if (bytes.length > MAX_FILE_BYTES) {
            return failed(where + " is larger than " + MAX_FILE_BYTES + " bytes (1 MiB): check that it names the right file.");
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            return failed(where + " is not valid UTF-8: save it as UTF-8.");
        }
        return parse(where, text);
    }

    /** Parses the text of the file described by {@code where} ("AppEnvironmentFile C:\app\app.env"). */
    public static Result parse(String where, String text) {
        List<String> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int lineNo = i + 1;
            // A name may start with '=' on Windows ("=C:"), so look for '=' after the first character.
            int eq = line.indexOf('=', 1);
            if (eq < 0) {
                problems.add("Line " + lineNo + " of " + where + " has no '=': write each variable as KEY=VALUE"
                        + " (a comment line starts with #).");
                continue;
            }
            String name = line.substring(0, eq).strip();
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                problems.add("Line " + lineNo + " of " + where + " has " + (name.isEmpty() ? "no name" : "a name with a space")
                        + " before '=': write KEY=VALUE with a name such as DB_PASSWORD.");
                continue;
            }
            if (line.indexOf('\0') >= 0) {
                problems.add("Line " + lineNo + " of " + where + " (" + name + ") contains a NUL character, which no"
                        + " environment variable can hold: remove it.");
                continue;
            }
            entries.add(name + "=" + line.substring(eq + 1));
        }
        return new Result(entries, problems);
    }

    private static Result failed(String sentence) {
        return new Result(List.of(), List.of(sentence));
    }
}
