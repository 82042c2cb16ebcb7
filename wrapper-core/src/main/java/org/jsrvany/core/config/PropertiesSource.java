package org.jsrvany.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parameters from a properties file (UTF-8) whose keys are exactly the registry value names.
 *
 * <ul>
 *   <li>Strings are taken as written; parameters the table types as REG_EXPAND_SZ have their
 *       {@code %VAR%} references expanded, as when the registry stores them as REG_EXPAND_SZ.</li>
 *   <li>Multi-string values (REG_MULTI_SZ, such as {@code AppEnvironment}) hold one entry per line:
 *       write {@code \n} between entries, or end a line with {@code \n\} and continue on the next.
 *       Blank entries are dropped.</li>
 *   <li>Numbers (REG_DWORD) are decimal, or hexadecimal with {@code 0x}.</li>
 *   <li>{@code AppExit} is the default action; {@code AppExit.<code>} sets the action for one exit
 *       code, as the values of the registry's {@code AppExit} subkey do.</li>
 * </ul>
 *
 * <p>Stricter than {@link java.util.Properties}, which it uses for each line: a key given twice
 * (compared without case, as the registry compares names) is a problem naming both lines, not a
 * silent "last wins"; {@code AppExit.} with no code is a problem, not a second default; invalid UTF-8
 * is named by line; a UTF-8 byte order mark is skipped; the file may hold at most
 * {@link #MAX_FILE_BYTES} bytes and must be a regular file.
 */
public final class PropertiesSource implements ParameterSource {
    /** The largest configuration file read: a service's parameters take a few kilobytes. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    private static final String EXIT_PREFIX = Param.APP_EXIT.registryName() + ".";
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Path file;
    private final Map<Param, String> values;
    private final Map<String, String> exitActions;
    private final Set<String> unknown;
    private final List<String> problems;

    private PropertiesSource(Path file, Map<Param, String> values, Map<String, String> exitActions, Set<String> unknown,
                             List<String> problems) {
        this.file = file;
        this.values = values;
        this.exitActions = exitActions;
        this.unknown = unknown;
        this.problems = problems;
    }

    /**
     * Reads the file. A file that cannot be read as a whole (missing, a folder or device, too large,
     * not UTF-8) is a {@link ConfigException} naming it; problems inside it (a key given twice, a bad
     * escape) are kept for {@link #problems()}, so the loader reports them with every other problem.
     */
    public static PropertiesSource load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        String text = decode(absolute, readBounded(absolute));
        return fromText(absolute, text);
    }

    private static byte[] readBounded(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            throw problem("The configuration file " + file + " does not exist; check the path given to --config.");
        }
        if (!Files.isRegularFile(file)) {
            throw problem("The configuration file " + file + " is " + FileKinds.of(file)
                    + ", not a file: give --config the path of a properties file.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw problem("The configuration file " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes (1 MiB), the most jsrvany reads: a service's parameters take a few kilobytes,"
                        + " so check that --config names the right file.");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw problem("The configuration file " + file + " does not exist; check the path given to --config.");
        } catch (AccessDeniedException e) {
            throw problem("The configuration file " + file + " cannot be read: permission denied."
                    + " Give the account running jsrvany read access to it.");
        } catch (IOException e) {
            throw problem("The configuration file " + file + " cannot be read: " + e.getMessage() + ".");
        }
    }

    /** UTF-8, with an optional byte order mark; invalid bytes are named by line. */
    static String decode(Path file, byte[] bytes) throws ConfigException {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw problem("The configuration file " + file + " is UTF-16 (it starts with a UTF-16 byte order mark):"
                    + " save it as UTF-8.");
        }
        int start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            throw problem("The configuration file " + file + " is not valid UTF-8: line " + lineOf(bytes, at)
                    + " holds the byte 0x" + String.format("%02X", bytes[at] & 0xFF) + " (at byte " + at + " of the file),"
                    + " which no UTF-8 text has there. Save the file as UTF-8 (an editor's \"ANSI\" or Latin-1 gives"
                    + " this for accented letters).");
        }
        out.flip();
        return out.toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || (bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
                line++;
            }
        }
        return line;
    }

    private static ConfigException problem(String sentence) {
        return new ConfigException(List.of(sentence));
    }

    /** The parameters in {@code text}, the content of {@code file}. */
    static PropertiesSource fromText(Path file, String text) {
        PropertiesLines.Result parsed = PropertiesLines.parse(text);
        List<String> problems = new ArrayList<>();
        for (PropertiesLines.Malformed m : parsed.malformed()) {
            String reason = m.reason().endsWith(".") ? m.reason().substring(0, m.reason().length() - 1) : m.reason();
            problems.add("Line " + m.line() + " of " + file + " cannot be read: " + reason
                    + ". Write a backslash as \\\\ and a character by its code as \\uXXXX with four hexadecimal digits.");
        }
        reportDuplicates(file, parsed.entries(), problems);
        List<PropertiesLines.Entry> entries = new ArrayList<>(parsed.entries());
        entries.sort((a, b) -> a.key().compareTo(b.key()));
        Map<Param, String> values = new LinkedHashMap<>();
        Map<String, String> exits = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (PropertiesLines.Entry entry : entries) {
            String name = entry.key();
            String value = entry.value();
            if (name.equalsIgnoreCase(Param.APP_EXIT.registryName())) {
                exits.put("", value.trim());
            } else if (isExitEntry(name)) {
                String code = name.substring(EXIT_PREFIX.length()).trim();
                if (code.isEmpty()) {
                    problems.add("'" + name + "' on line " + entry.line() + " of " + file + " has no exit code after the"
                            + " dot: write AppExit=ACTION for every exit code, or AppExit.CODE=ACTION for one, such as"
                            + " AppExit.3=Exit.");
                } else {
                    exits.put(code, value.trim());
                }
            } else {
                Optional<Param> param = Param.byName(name);
                if (param.isPresent()) {
                    values.put(param.get(), value);
                } else {
                    unknown.add(name);
                }
            }
        }
        return new PropertiesSource(file, values, exits, unknown, List.copyOf(problems));
    }

    private static boolean isExitEntry(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith(EXIT_PREFIX.toLowerCase(Locale.ROOT));
    }

    /**
     * A key given twice: the registry cannot hold two values of one name, and in a file the earlier one
     * would be lost without a word. Names compare without case, as the registry compares them.
     */
    private static void reportDuplicates(Path file, List<PropertiesLines.Entry> entries, List<String> problems) {
        Map<String, List<PropertiesLines.Entry>> byName = new LinkedHashMap<>();
        for (PropertiesLines.Entry e : entries) {
            String name = e.key().strip();
            if (isExitEntry(name)) {
                name = EXIT_PREFIX + name.substring(EXIT_PREFIX.length()).strip();
            }
            byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(e);
        }
        for (List<PropertiesLines.Entry> same : byName.values()) {
            if (same.size() < 2) {
                continue;
            }
            List<String> lines = same.stream().map(e -> Integer.toString(e.line())).toList();
            String joined = String.join(", ", lines.subList(0, lines.size() - 1)) + " and " + lines.get(lines.size() - 1);
            problems.add(same.get(0).key() + " is set more than once in " + file + " (lines " + joined
                    + "): keep one of them. A properties file would silently keep the last; jsrvany does not guess.");
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public Optional<RawValue> value(Param param) {
        String text = values.get(param);
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(switch (param.kind()) {
            case MULTI_STRING -> new RawValue.MultiText(text.lines()
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList());
            case EXPAND_STRING -> new RawValue.Text(text.strip(), true);
            default -> new RawValue.Text(text.strip(), false);
        });
    }

    @Override
    public Map<String, String> exitActions() {
        return Collections.unmodifiableMap(exitActions);
    }

    @Override
    public Set<String> unknownNames() {
        return Collections.unmodifiableSet(unknown);
    }

    @Override
    public boolean typed() {
        return false;
    }

    @Override
    public Optional<Path> baseDirectory() {
        return Optional.ofNullable(file.getParent());
    }

    @Override
    public Optional<Path> file() {
        return Optional.of(file);
    }

    @Override
    public List<String> problems() {
        return problems;
    }
}
