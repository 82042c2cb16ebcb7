package org.jsrvany.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
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
import java.util.Properties;
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
 */
public final class PropertiesSource implements ParameterSource {
    private static final String EXIT_PREFIX = Param.APP_EXIT.registryName() + ".";

    private final Path file;
    private final Map<Param, String> values;
    private final Map<String, String> exitActions;
    private final Set<String> unknown;

    private PropertiesSource(Path file, Map<Param, String> values, Map<String, String> exitActions, Set<String> unknown) {
        this.file = file;
        this.values = values;
        this.exitActions = exitActions;
        this.unknown = unknown;
    }

    /** Reads the file; a missing or unreadable file is a {@link ConfigException} naming it. */
    public static PropertiesSource load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath().normalize();
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(absolute, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of("The configuration file " + absolute
                    + " does not exist; check the path given to --config."));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(List.of("The configuration file " + absolute + " cannot be read: "
                    + e.getMessage() + ". It must be a UTF-8 properties file (KEY=VALUE lines)."));
        }
        return fromProperties(absolute, props);
    }

    static PropertiesSource fromProperties(Path file, Properties props) {
        Map<Param, String> values = new LinkedHashMap<>();
        Map<String, String> exits = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        List<String> names = new ArrayList<>(props.stringPropertyNames());
        Collections.sort(names);
        for (String name : names) {
            String value = props.getProperty(name);
            if (name.equalsIgnoreCase(Param.APP_EXIT.registryName())) {
                exits.put("", value.trim());
            } else if (name.toLowerCase(Locale.ROOT).startsWith(EXIT_PREFIX.toLowerCase(Locale.ROOT))) {
                exits.put(name.substring(EXIT_PREFIX.length()).trim(), value.trim());
            } else {
                Optional<Param> param = Param.byName(name);
                if (param.isPresent()) {
                    values.put(param.get(), value);
                } else {
                    unknown.add(name);
                }
            }
        }
        return new PropertiesSource(file, values, exits, unknown);
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
}
