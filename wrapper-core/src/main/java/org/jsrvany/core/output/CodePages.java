package org.jsrvany.core.output;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Map;
import java.util.Optional;

/**
 * Windows code page numbers (what {@code chcp} shows and {@code GetConsoleOutputCP} returns) to Java
 * charsets, for {@code AppOutputCodePage}. The OEM code pages console programs write in (437, 850, 866
 * ...), the ANSI ones (1250 to 1258), the East Asian double-byte ones (932, 936, 949, 950) and the
 * Unicode ones are named here or found by Java's own aliases ({@code IBM850}, {@code windows-1252},
 * {@code cp1252} ...).
 */
public final class CodePages {

    /** Code pages whose Java name is not {@code windows-N}, {@code IBMN}, {@code x-IBMN} or {@code cpN}. */
    private static final Map<Long, String> NAMED = Map.ofEntries(
            Map.entry(858L, "IBM00858"),
            Map.entry(874L, "x-windows-874"),
            Map.entry(932L, "windows-31j"),
            Map.entry(936L, "x-mswin-936"),
            Map.entry(949L, "x-windows-949"),
            Map.entry(950L, "x-windows-950"),
            Map.entry(1200L, "UTF-16LE"),
            Map.entry(1201L, "UTF-16BE"),
            Map.entry(20127L, "US-ASCII"),
            Map.entry(20866L, "KOI8-R"),
            Map.entry(21866L, "KOI8-U"),
            Map.entry(28591L, "ISO-8859-1"),
            Map.entry(28592L, "ISO-8859-2"),
            Map.entry(28593L, "ISO-8859-3"),
            Map.entry(28594L, "ISO-8859-4"),
            Map.entry(28595L, "ISO-8859-5"),
            Map.entry(28596L, "ISO-8859-6"),
            Map.entry(28597L, "ISO-8859-7"),
            Map.entry(28598L, "ISO-8859-8"),
            Map.entry(28599L, "ISO-8859-9"),
            Map.entry(28603L, "ISO-8859-13"),
            Map.entry(28605L, "ISO-8859-15"),
            Map.entry(50220L, "ISO-2022-JP"),
            Map.entry(51932L, "EUC-JP"),
            Map.entry(51949L, "EUC-KR"),
            Map.entry(54936L, "GB18030"),
            Map.entry(65001L, "UTF-8"));

    private CodePages() {
    }

    /** The charset of a Windows code page, if this Java runtime has one. */
    public static Optional<Charset> charset(long codePage) {
        if (codePage <= 0 || codePage > 65535) {
            return Optional.empty();
        }
        String named = NAMED.get(codePage);
        if (named != null) {
            return lookUp(named);
        }
        for (String prefix : new String[] {"windows-", "IBM", "x-IBM", "cp"}) {
            Optional<Charset> found = lookUp(prefix + codePage);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Charset> lookUp(String name) {
        try {
            return Charset.isSupported(name) ? Optional.of(Charset.forName(name)) : Optional.empty();
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }
}
