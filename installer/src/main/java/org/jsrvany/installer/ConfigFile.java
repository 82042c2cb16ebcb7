package org.jsrvany.installer;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.config.ConfigException;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ParamKind;
import org.jsrvany.core.config.PropertiesSource;
import org.jsrvany.core.config.RawValue;

/**
 * {@code install --config FILE}: a properties file with the parameter names (the file {@code test
 * --config} runs and {@code dump --properties} writes) as the complete wanted {@code Parameters} of a
 * service. Declarative: a parameter the file does not set is removed (its default applies), and the
 * file's {@code AppExit} entries are the whole table. Values the table does not know stay in the
 * registry (they are not jsrvany's). A pure function from the file's text to the wanted values, so
 * what an install changes is decided by {@link Plan} exactly as for options.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * The wanted parameters.
     *
     * @param values      every parameter of the table: present = write this, empty = remove
     * @param exitActions the whole {@code AppExit} table (empty map = no table)
     */
    record Wanted(Map<Param, Optional<RawValue>> values, Map<String, String> exitActions) {
    }

    /** Reads the file; every problem (unreadable file, unknown name, malformed number) is a sentence in {@code problems}. */
    static Optional<Wanted> read(Path file, List<String> problems) {
        PropertiesSource source;
        try {
            source = PropertiesSource.load(file);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return Optional.empty();
        }
        return Optional.of(wanted(source, problems));
    }

    static Wanted wanted(PropertiesSource source, List<String> problems) {
        problems.addAll(source.problems());
        for (String unknown : source.unknownNames()) {
            problems.add("'" + unknown + "' in " + source.describe() + " is not a jsrvany parameter" + Param.didYouMean(unknown)
                    + "; see docs/parameters.md for the names.");
        }
        Path base = source.baseDirectory().orElse(Path.of("."));
        Map<Param, Optional<RawValue>> values = new EnumMap<>(Param.class);
        for (Param p : Param.values()) {
            if (p.kind() == ParamKind.SUBKEY) {
                continue;
            }
            values.put(p, source.value(p).flatMap(raw -> typed(p, raw, base, source.describe(), problems)));
        }
        Map<String, String> exits = new LinkedHashMap<>();
        source.exitActions().forEach((code, action) -> {
            String key = code.isEmpty() ? Param.APP_EXIT.registryName() : ParamText.EXIT_PREFIX + code;
            Optional<String> name = ParamText.exitCodeName(code);
            Optional<ExitAction> parsed = ExitAction.parse(action);
            if (name.isEmpty()) {
                problems.add(key + " in " + source.describe() + ": '" + code + "' is not an exit code; write"
                        + " AppExit.CODE=ACTION with a decimal code such as 3.");
            } else if (parsed.isEmpty()) {
                problems.add(key + "=" + action + " in " + source.describe() + ": expected Restart, Ignore, Exit or Suicide.");
            } else {
                exits.put(name.get(), parsed.get().registryText());
            }
        });
        return new Wanted(values, exits);
    }

    /**
     * The registry's typed value for the file's text: numbers as REG_DWORD, lists as REG_MULTI_SZ, paths
     * of the program and working directory made absolute against the file's folder (as {@code test
     * --config} takes them), because the service reads them with no file around.
     */
    private static Optional<RawValue> typed(Param p, RawValue raw, Path base, String where, List<String> problems) {
        if (p.kind() == ParamKind.DWORD && raw instanceof RawValue.Text t) {
            Optional<RawValue.Dword> d = RawValue.Dword.parse(t.value());
            if (d.isEmpty()) {
                problems.add(p.registryName() + "=" + t.value() + " in " + where
                        + ": expected a whole number from 0 to 4294967295 (decimal, or hexadecimal with 0x).");
            }
            return d.map(v -> v);
        }
        if (raw instanceof RawValue.MultiText m && m.values().isEmpty()) {
            return Optional.empty();
        }
        if ((p == Param.APPLICATION || p == Param.APP_DIRECTORY) && raw instanceof RawValue.Text t) {
            return Optional.of(new RawValue.Text(absolute(t.value(), base, p == Param.APP_DIRECTORY), t.expandable()));
        }
        return Optional.of(raw);
    }

    /**
     * A relative path taken from {@code base}; text with {@code %VAR%} stays, and so does a bare program
     * name (searched on PATH) unless {@code folder} (a bare folder name is relative too).
     */
    static String absolute(String path, Path base, boolean folder) {
        String p = path.strip();
        if (p.length() >= 2 && p.startsWith("\"") && p.endsWith("\"")) {
            p = p.substring(1, p.length() - 1);
        }
        if (p.isEmpty() || !folder && p.indexOf('/') < 0 && p.indexOf('\\') < 0 || p.contains("%")) {
            return path;
        }
        try {
            Path given = Path.of(p);
            return given.isAbsolute() || isWindowsAbsolute(p) ? path : base.resolve(given).normalize().toString();
        } catch (InvalidPathException e) {
            return path; // the validator names the problem
        }
    }

    /** {@code C:\...} or {@code \\server\...}: absolute on Windows even when read on Linux. */
    private static boolean isWindowsAbsolute(String p) {
        return p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':' && (p.charAt(2) == '\\' || p.charAt(2) == '/')
                || p.startsWith("\\\\");
    }
}
