package org.jsrvany.installer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsrvany.core.config.Param;
import org.jsrvany.core.config.RawValue;
import org.jsrvany.core.service.FailureActions;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.StartType;
import org.jsrvany.core.config.StoredParameters;

/** The three forms of {@code dump}: a batch script of jsrvany commands, a .reg file, a properties file. */
final class Dumps {
    /** The Windows limit of one cmd.exe line. */
    static final int CMD_LINE_LIMIT = 8191;
    /** Parameters the install line itself carries. */
    private static final List<Param> ON_INSTALL_LINE = List.of(Param.APPLICATION, Param.APP_PARAMETERS, Param.APP_DIRECTORY);

    private Dumps() {
    }

    /** A .cmd script: {@code install} with the service's settings, then one {@code set} per other parameter. */
    static String cmd(ServiceDefinition d, StoredParameters p, Instant when) {
        List<String> lines = new ArrayList<>();
        lines.add("@echo off");
        lines.add("rem Recreates the service '" + oneLine(d.name()) + "' (jsrvany dump, " + when + ").");
        lines.add("rem Run it from an elevated prompt. JSRVANY says how to run jsrvany: by default jsrvany.jar beside"
                + " this script.");
        lines.add("setlocal DisableDelayedExpansion");
        lines.add("if not defined JSRVANY set JSRVANY=java -jar \"%~dp0jsrvany.jar\"");
        List<String> install = new ArrayList<>(List.of("install", d.name()));
        RawValue app = p.values().get(Param.APPLICATION);
        install.add(app == null ? "" : ParamText.words(app).get(0));
        RawValue args = p.values().get(Param.APP_PARAMETERS);
        if (args != null) {
            install.add("--arguments");
            install.add(ParamText.words(args).get(0));
        }
        RawValue dir = p.values().get(Param.APP_DIRECTORY);
        if (dir != null) {
            install.add("--dir");
            install.add(ParamText.words(dir).get(0));
        }
        install.addAll(settingOptions(d));
        if (Accounts.needsPassword(d.account())) {
            lines.add("rem The account " + oneLine(d.account()) + " needs its password: install asks for it.");
        }
        add(lines, install);
        for (Map.Entry<Param, RawValue> e : p.values().entrySet()) {
            if (ON_INSTALL_LINE.contains(e.getKey())) {
                continue;
            }
            List<String> set = new ArrayList<>(List.of("set", d.name(), e.getKey().registryName(), "--"));
            set.addAll(ParamText.words(e.getValue()));
            add(lines, set);
        }
        if (!p.exitActions().isEmpty()) {
            List<String> set = new ArrayList<>(List.of("set", d.name(), Param.APP_EXIT.registryName()));
            p.exitActions().forEach((code, action) -> set.add((code.isEmpty() ? "default" : code) + "=" + action));
            add(lines, set);
        }
        p.foreign().forEach((name, type) -> lines.add("rem Not recreated: " + oneLine(name) + " (" + type
                + "), which jsrvany does not use."));
        return String.join("\r\n", lines) + "\r\n";
    }

    /** The {@code set NAME Environment -- ...} line for the service key's own Environment (empty when it has none). */
    static String serviceEnvironmentCmd(String name, List<String> entries) {
        if (entries.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>();
        List<String> set = new ArrayList<>(List.of("set", name, "Environment", "--"));
        set.addAll(entries);
        add(lines, set);
        return String.join("\r\n", lines) + "\r\n";
    }

    private static void add(List<String> lines, List<String> args) {
        String line;
        try {
            line = BatchQuoting.line("%JSRVANY%", args) + " || exit /b";
        } catch (IllegalArgumentException e) {
            lines.add("rem Not recreated (a value holds a line break; set it by hand): " + oneLine(String.join(" ", args)));
            return;
        }
        if (line.length() > CMD_LINE_LIMIT) {
            lines.add("rem WARNING: the next line is longer than cmd.exe's " + CMD_LINE_LIMIT + " characters.");
        }
        lines.add(line);
    }

    /** The install options that recreate the service's own settings (not ImagePath: that is the new machine's). */
    static List<String> settingOptions(ServiceDefinition d) {
        List<String> o = new ArrayList<>();
        if (!d.displayName().equals(d.name())) {
            o.add("--display-name");
            o.add(d.displayName());
        }
        if (!d.description().isEmpty()) {
            o.add("--description");
            o.add(d.description());
        }
        o.add("--start");
        o.add(d.startType().word());
        if (d.dependencies().isEmpty()) {
            o.add("--no-dependencies");
        }
        for (String dep : d.dependencies()) {
            o.add("--depends-on");
            o.add(dep);
        }
        o.add("--account");
        o.add(Accounts.commandLineWord(d.account(), d.name()));
        d.failureActions().ifPresent(f -> {
            if (f.actions().isEmpty()) {
                o.add("--no-failure-actions");
                return;
            }
            for (FailureActions.Action a : f.actions()) {
                o.add("--on-failure");
                o.add(FailureText.word(a));
            }
            o.add("--failure-reset");
            o.add(Units.exact(f.resetPeriod()));
            if (!f.command().isEmpty()) {
                o.add("--failure-command");
                o.add(f.command());
            }
            if (!f.rebootMessage().isEmpty()) {
                o.add("--failure-reboot-message");
                o.add(f.rebootMessage());
            }
        });
        d.failureActionsOnNonCrash().ifPresent(b -> o.add(b ? "--non-crash-failures" : "--no-non-crash-failures"));
        d.preshutdownTimeout().ifPresent(t -> {
            o.add("--preshutdown-timeout");
            o.add(Units.exact(t));
        });
        d.sidType().ifPresent(s -> {
            o.add("--sid-type");
            o.add(s.word());
        });
        return o;
    }

    /** A .reg file of the service key and its Parameters (the SCM reads imported services only at the next boot). */
    static String reg(ServiceDefinition d, StoredParameters p, Instant when) {
        String key = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\" + d.name();
        List<String> lines = new ArrayList<>();
        lines.add("Windows Registry Editor Version 5.00");
        lines.add("");
        lines.add("; The service '" + oneLine(d.name()) + "' (jsrvany dump, " + when + ").");
        lines.add("; Windows' service manager reads imported service keys only at the next boot; prefer the .cmd"
                + " dump (jsrvany dump NAME), which installs through the service manager at once.");
        lines.add("; Recovery actions, the SID type and the preshutdown timeout are not in this file.");
        lines.add("");
        lines.add("[" + key + "]");
        lines.add(regValue("Type", new RawValue.Dword(0x10)));
        lines.add(regValue("Start", new RawValue.Dword(d.startType().scmValue())));
        lines.add(regValue("ErrorControl", new RawValue.Dword(1)));
        lines.add(regValue("ImagePath", new RawValue.Text(d.imagePath(), true)));
        lines.add(regValue("DisplayName", new RawValue.Text(d.displayName(), false)));
        if (!d.description().isEmpty()) {
            lines.add(regValue("Description", new RawValue.Text(d.description(), false)));
        }
        lines.add(regValue("ObjectName", new RawValue.Text(d.account(), false)));
        if (!d.dependencies().isEmpty()) {
            lines.add(regValue("DependOnService", new RawValue.MultiText(d.dependencies().stream()
                    .filter(s -> !s.startsWith("+")).toList())));
        }
        if (d.startType() == StartType.DELAYED_AUTO) {
            lines.add(regValue("DelayedAutostart", new RawValue.Dword(1)));
        }
        lines.add("");
        lines.add("[" + key + "\\Parameters]");
        p.values().forEach((param, v) -> {
            if (!param.isHook()) {
                lines.add(regValue(param.registryName(), v));
            }
        });
        p.values().forEach((param, v) -> {
            if (param.isHook()) { // NSSM's layout: Parameters\AppEvents\<Event>, one value per action
                int last = param.registryName().lastIndexOf('\\');
                lines.add("");
                lines.add("[" + key + "\\Parameters\\" + param.registryName().substring(0, last) + "]");
                lines.add(regValue(param.registryName().substring(last + 1), v));
            }
        });
        if (!p.exitActions().isEmpty()) {
            lines.add("");
            lines.add("[" + key + "\\Parameters\\" + Param.APP_EXIT.registryName() + "]");
            p.exitActions().forEach((code, action) -> lines.add((code.isEmpty() ? "@" : quoteReg(code)) + "="
                    + quoteReg(action)));
        }
        return String.join("\r\n", lines) + "\r\n";
    }

    static String regValue(String name, RawValue v) {
        String left = quoteReg(name) + "=";
        if (v instanceof RawValue.Dword dw) {
            return left + String.format("dword:%08x", dw.value());
        }
        if (v instanceof RawValue.Text t && !t.expandable() && t.value().indexOf('\n') < 0 && t.value().indexOf('\r') < 0) {
            return left + quoteReg(t.value());
        }
        byte[] data;
        String type;
        if (v instanceof RawValue.Text t) {
            data = (t.value() + "\0").getBytes(StandardCharsets.UTF_16LE);
            type = t.expandable() ? "hex(2):" : "hex(1):";
        } else {
            StringBuilder sb = new StringBuilder();
            ((RawValue.MultiText) v).values().forEach(s -> sb.append(s).append('\0'));
            sb.append('\0');
            data = sb.toString().getBytes(StandardCharsets.UTF_16LE);
            type = "hex(7):";
        }
        StringBuilder hex = new StringBuilder(left).append(type);
        int lineStart = 0;
        for (int i = 0; i < data.length; i++) {
            if (i > 0) {
                hex.append(',');
                if (hex.length() - lineStart > 76) {
                    hex.append("\\\r\n  ");
                    lineStart = hex.length() - 2;
                }
            }
            hex.append(String.format("%02x", data[i] & 0xFF));
        }
        return hex.toString();
    }

    private static String quoteReg(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The Parameters as a properties file, the form {@code test --config} reads (docs/parameters.md). */
    static String properties(ServiceDefinition d, StoredParameters p, Instant when) {
        List<String> lines = new ArrayList<>();
        lines.add("# The parameters of the service '" + oneLine(d.name()) + "' (jsrvany dump, " + when + ").");
        lines.add("# Try it in the foreground: java -jar jsrvany.jar test --config FILE");
        p.values().forEach((param, v) -> {
            if (v instanceof RawValue.MultiText m) {
                StringBuilder sb = new StringBuilder(param.propertiesName()).append('=');
                for (int i = 0; i < m.values().size(); i++) {
                    sb.append(i == 0 ? "" : "\\n\\\n    ").append(escapeProperty(m.values().get(i)));
                }
                lines.add(sb.toString());
            } else {
                lines.add(param.propertiesName() + "=" + escapeProperty(ParamText.words(v).get(0)));
            }
        });
        p.exitActions().forEach((code, action) ->
                lines.add(Param.APP_EXIT.registryName() + (code.isEmpty() ? "" : "." + code) + "=" + action));
        p.foreign().forEach((name, type) -> lines.add("# not a jsrvany parameter, left out: " + oneLine(name) + " (" + type + ")"));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    static String escapeProperty(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case ' ' -> sb.append(i == 0 ? "\\ " : " ");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
