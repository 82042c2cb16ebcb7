package org.jsrvany.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds the child's environment from {@code AppEnvironment} and {@code AppEnvironmentExtra}, and
 * expands {@code %VAR%} references the way Windows' ExpandEnvironmentStrings does (an unknown
 * reference is left as written).
 */
public final class Environments {
    private Environments() {
    }

    /** The outcome: the environment, or the problems found in the entries. */
    public record Result(SortedMap<String, String> environment, List<String> problems) {
    }

    /**
     * Expands {@code %NAME%} references with {@code lookup}; a name the lookup does not know, a lone
     * {@code %} and {@code %%} stay as they are.
     */
    public static String expand(String text, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int close = c == '%' ? text.indexOf('%', i + 1) : -1;
            if (close > i + 1) {
                String name = text.substring(i + 1, close);
                String value = lookup.apply(name);
                if (value != null) {
                    out.append(value);
                    i = close + 1;
                    continue;
                }
                // Unknown: keep the text up to (not including) the closing %, which may open the next reference.
                out.append(text, i, close);
                i = close;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /**
     * Builds the environment.
     *
     * @param base            the wrapper's own environment
     * @param replace         {@code AppEnvironment} entries, if set
     * @param mergeReplace    true when {@code AppEnvironment} is merged into {@code base} (srvany-ng with
     *                        {@code OverrideEnvironment=0}) instead of replacing it
     * @param extra           {@code AppEnvironmentExtra} entries
     * @param caseInsensitive true on Windows, where variable names ignore case
     */
    public static Result build(Map<String, String> base, Optional<List<String>> replace, boolean mergeReplace,
                               List<String> extra, boolean caseInsensitive) {
        return build(base, replace, mergeReplace, List.of(), extra, caseInsensitive);
    }

    /**
     * Builds the environment in the documented order (docs/environment.md): the wrapper's own
     * environment (which holds the service key's {@code Environment} value), replaced or merged by
     * {@code AppEnvironment}, then the {@code AppEnvironmentFile} entries (literal: never expanded, they
     * may be secrets), then {@code AppEnvironmentExtra} (expanded, so it may refer to the file's values).
     *
     * @param fileEntries the environment file's {@code KEY=VALUE} entries, already checked by {@link EnvironmentFile}
     */
    public static Result build(Map<String, String> base, Optional<List<String>> replace, boolean mergeReplace,
                               List<String> fileEntries, List<String> extra, boolean caseInsensitive) {
        SortedMap<String, String> baseMap = newMap(caseInsensitive);
        baseMap.putAll(base);
        SortedMap<String, String> env = newMap(caseInsensitive);
        List<String> problems = new ArrayList<>();
        if (replace.isEmpty() || mergeReplace) {
            env.putAll(baseMap);
        }
        replace.ifPresent(entries -> apply(entries, Param.APP_ENVIRONMENT, env, baseMap, problems));
        for (String entry : fileEntries) {
            int eq = entry.indexOf('=', 1);
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        apply(extra, Param.APP_ENVIRONMENT_EXTRA, env, baseMap, problems);
        return new Result(env, List.copyOf(problems));
    }

    /**
     * The wrapper's environment with the service key's {@code Environment} entries on top, literally, as
     * the service manager gives them to a service process: where the service manager already did (a
     * service on Windows), the result is the same environment; where it did not ({@code jsrvany test
     * NAME} in a console), the program still gets them. An entry without {@code =} is skipped, as the
     * service manager skips it.
     */
    public static Map<String, String> withServiceEnvironment(Map<String, String> base, List<String> entries,
                                                             boolean caseInsensitive) {
        SortedMap<String, String> env = newMap(caseInsensitive);
        env.putAll(base);
        for (String entry : entries) {
            int eq = entry.indexOf('=', 1);
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private static void apply(List<String> entries, Param param, SortedMap<String, String> env,
                              SortedMap<String, String> base, List<String> problems) {
        for (String entry : entries) {
            // A name may start with '=' (Windows' per-drive "=C:" variables), so look for '=' after the first character.
            int eq = entry.indexOf('=', 1);
            if (eq < 0) {
                problems.add(param.registryName() + " entry '" + entry + "' has no '=': write each entry as KEY=VALUE"
                        + " (the value may be empty, as in KEY=).");
                continue;
            }
            String name = entry.substring(0, eq).strip();
            if (name.isEmpty()) {
                problems.add(param.registryName() + " entry '" + entry + "' has an empty name before '=': write KEY=VALUE.");
                continue;
            }
            String value = expand(entry.substring(eq + 1), n -> env.containsKey(n) ? env.get(n) : base.get(n));
            env.put(name, value);
        }
    }

    private static SortedMap<String, String> newMap(boolean caseInsensitive) {
        return caseInsensitive ? new TreeMap<>(String.CASE_INSENSITIVE_ORDER) : new TreeMap<>();
    }
}
