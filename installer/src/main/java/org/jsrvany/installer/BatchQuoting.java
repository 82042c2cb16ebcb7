package org.jsrvany.installer;

import java.util.List;
import org.jsrvany.core.cmdline.WindowsCommandLine;

/**
 * Writes a command line for a {@code .cmd} batch file so that the program receives exactly the given
 * arguments. Two parsers read it: cmd.exe first (it expands {@code %...%} everywhere in a batch file,
 * and treats {@code ^ & | < > ( )} as operators outside its own quotes, which every {@code "} toggles),
 * then the program's runtime, which splits by the {@code CommandLineToArgvW} rules. So each argument
 * is quoted for the runtime ({@link WindowsCommandLine#quoteArgument}); then, walking the whole line
 * and tracking cmd's quote state, {@code %} becomes {@code %%} and an operator outside cmd's quotes
 * gets a {@code ^}. The batch file must not enable delayed expansion ({@code !}).
 */
final class BatchQuoting {
    private BatchQuoting() {
    }

    /** One batch-file command line: {@code prefix} (already cmd text, e.g. {@code %JSRVANY%}) and the arguments. */
    static String line(String prefix, List<String> args) {
        StringBuilder plain = new StringBuilder();
        for (String a : args) {
            if (a.indexOf('\n') >= 0 || a.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a batch-file line cannot carry a line break: " + a);
            }
            if (plain.length() > 0) {
                plain.append(' ');
            }
            plain.append(WindowsCommandLine.quoteArgument(a));
        }
        return prefix + (plain.length() == 0 ? "" : " " + escape(plain.toString()));
    }

    /** The cmd.exe escaping of a runtime-quoted command line. */
    static String escape(String commandLine) {
        StringBuilder sb = new StringBuilder(commandLine.length() + 8);
        boolean inQuotes = false;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                sb.append(c);
            } else if (c == '%') {
                sb.append("%%");
            } else if (!inQuotes && "^&|<>()".indexOf(c) >= 0) {
                sb.append('^').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
