package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.config.ExitAction;
import org.jsrvany.core.config.ExitActions;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.ParamKind;
import org.jsrvany.core.config.RawValue;

/**
 * Text on the command line to typed parameter values and back, by the kind the one table
 * ({@link Param}) gives each parameter. Only the form is checked here (a number, no empty list
 * entry...); what a value means is checked by {@code ConfigLoader} on the whole candidate configuration.
 */
final class ParamText {
    /** The name {@code AppExit} entries take on the command line and in properties files: {@code AppExit.<code>}. */
    static final String EXIT_PREFIX = Param.APP_EXIT.registryName() + ".";

    private ParamText() {
    }

    /**
     * The typed value for {@code param} from command-line words: one word for strings and numbers, one
     * word per entry for multi-strings. Adds a sentence to {@code problems} and returns empty when the
     * words do not fit.
     */
    static Optional<RawValue> parse(Param param, List<String> words, List<String> problems) {
        String name = param.registryName();
        if (param.kind() == ParamKind.SUBKEY) {
            throw new IllegalArgumentException("AppExit is parsed by exitEntry");
        }
        if (param.kind() != ParamKind.MULTI_STRING && words.size() != 1) {
            problems.add(name + " takes one value, not " + words.size() + (words.isEmpty() ? "" : " (" + String.join(" ", words)
                    + ")") + ": put a value with spaces in quotes"
                    + (param == Param.APP_PARAMETERS ? ", and write -- before it when it starts with '-'." : "."));
            return Optional.empty();
        }
        for (String w : words) {
            if (w.indexOf('\0') >= 0) {
                problems.add(name + " cannot contain a NUL character.");
                return Optional.empty();
            }
        }
        return switch (param.kind()) {
            case DWORD -> dword(words.get(0)).<RawValue>map(RawValue.Dword::new).or(() -> {
                problems.add(name + " is '" + words.get(0) + "': expected a whole number from 0 to 4294967295"
                        + " (decimal, or hexadecimal with 0x).");
                return Optional.empty();
            });
            case MULTI_STRING -> {
                if (words.stream().anyMatch(String::isEmpty)) {
                    problems.add(name + " has an empty entry: the registry cannot store one (REG_MULTI_SZ ends at"
                            + " the first empty string); leave it out.");
                    yield Optional.empty();
                }
                yield Optional.of(new RawValue.MultiText(words));
            }
            case EXPAND_STRING -> Optional.of(new RawValue.Text(words.get(0), true));
            default -> Optional.of(new RawValue.Text(words.get(0), false));
        };
    }

    /** A REG_DWORD from decimal or {@code 0x} hexadecimal text. */
    static Optional<Long> dword(String text) {
        return RawValue.Dword.parse(text).map(RawValue.Dword::value);
    }

    /**
     * One {@code AppExit} entry from {@code CODE=ACTION}, {@code default=ACTION} or {@code ACTION}: the
     * value name ({@code ""} for the default, else the exit code in unsigned decimal) and the action's word.
     */
    static Optional<Map.Entry<String, String>> exitEntry(String text, List<String> problems) {
        String t = text.strip();
        int eq = t.indexOf('=');
        String code = eq < 0 ? "" : t.substring(0, eq).strip();
        String action = eq < 0 ? t : t.substring(eq + 1).strip();
        Optional<ExitAction> parsed = ExitAction.parse(action);
        if (parsed.isEmpty()) {
            problems.add("The exit action '" + action + "' is not one of Restart, Ignore, Exit or Suicide (in '" + text + "').");
            return Optional.empty();
        }
        Optional<String> name = exitCodeName(code);
        if (name.isEmpty()) {
            problems.add("'" + code + "' in '" + text + "' is not an exit code: write CODE=ACTION with a decimal code"
                    + " such as 0 or 3, or default=ACTION.");
            return Optional.empty();
        }
        return Optional.of(Map.entry(name.get(), parsed.get().registryText()));
    }

    /** {@code ""} for the default ({@code ""}, {@code default}, {@code (Default)}), else the code as unsigned decimal. */
    static Optional<String> exitCodeName(String code) {
        String c = code.strip();
        if (c.isEmpty() || c.equalsIgnoreCase("default") || c.equalsIgnoreCase("(default)")) {
            return Optional.of("");
        }
        return ExitActions.parseCode(c).map(Integer::toUnsignedString);
    }

    /** The value as command-line words: the text, the number in decimal, or one word per entry. */
    static List<String> words(RawValue value) {
        if (value instanceof RawValue.Text t) {
            return List.of(t.value());
        }
        if (value instanceof RawValue.MultiText m) {
            return m.values();
        }
        return List.of(Long.toString(((RawValue.Dword) value).value()));
    }

    /** A short form for change summaries: {@code 1500}, {@code "C:\app"}, {@code [A=1, B=2]}. */
    static String show(RawValue value) {
        if (value instanceof RawValue.Text t) {
            return "\"" + t.value() + "\"";
        }
        if (value instanceof RawValue.MultiText m) {
            List<String> quoted = new ArrayList<>();
            m.values().forEach(v -> quoted.add("\"" + v + "\""));
            return "[" + String.join(", ", quoted) + "]";
        }
        return Long.toString(((RawValue.Dword) value).value());
    }

    /** The table's parameter for a name typed by a person, or an {@link Exit#INVALID} with a "did you mean". */
    static Param param(String name) {
        return Param.byName(name).orElseThrow(() ->
                new InstallerException(Exit.INVALID, "'" + name + "' is not a jsrvany parameter"
                        + Param.didYouMean(name)
                        + ": see 'jsrvany get NAME' or docs/parameters.md for the names."));
    }

    static boolean isExitEntryName(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith(EXIT_PREFIX.toLowerCase(Locale.ROOT));
    }
}
