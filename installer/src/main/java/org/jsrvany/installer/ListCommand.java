package org.jsrvany.installer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.service.ServiceDefinition;
import org.jsrvany.core.service.ServiceManager;
import org.jsrvany.core.service.ServiceStatus;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code list}: the services that run jsrvany, and with {@code --all} those still on srvany, srvany-ng or NSSM. */
@picocli.CommandLine.Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the services that run jsrvany (with --all also those on srvany, srvany-ng or NSSM, which"
                + " 'jsrvany adopt' can take over)."})
final class ListCommand extends Command {
    @Option(names = "--all", description = "Also list srvany, srvany-ng and NSSM services.")
    boolean all;

    @Mixin
    Options.Json json;

    @Override
    public EnumSet<Exit> exits() {
        return EnumSet.of(Exit.ACCESS_DENIED);
    }

    @Override
    String serviceName() {
        return null;
    }

    @Override
    Exit run() {
        ServiceManager scm = ctx().scm();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : scm.serviceNames()) {
            Optional<ServiceDefinition> def;
            ServiceStatus st;
            try {
                def = scm.find(name);
                if (def.isEmpty()) {
                    continue; // deleted meanwhile
                }
                WrapperKind kind = ImagePath.kind(def.get().imagePath());
                if (kind != WrapperKind.JSRVANY && !(all && kind.adoptable())) {
                    continue;
                }
                st = scm.status(name);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("name", name);
                row.put("wrapper", kind.word());
                row.put("state", st.state().name());
                row.put("startType", def.get().startType().word());
                row.put("account", def.get().account());
                row.put("displayName", def.get().displayName());
                row.put("unquotedImagePath", ImagePath.parse(def.get().imagePath()).unquotedWithSpaces());
                rows.add(row);
            } catch (Win32CallException e) {
                // A service we may not query (access denied on a protected one) or that vanished: skip it.
                if (e.errorCode() != Failures.ERROR_ACCESS_DENIED && e.errorCode() != Failures.ERROR_SERVICE_DOES_NOT_EXIST
                        && e.errorCode() != Failures.ERROR_SERVICE_MARKED_FOR_DELETE) {
                    throw e;
                }
            }
        }
        if (json.json) {
            out().println(Json.write(rows));
            return Exit.OK;
        }
        if (rows.isEmpty()) {
            out().println(all ? "No jsrvany, srvany, srvany-ng or NSSM services are installed."
                    : "No jsrvany services are installed (--all also shows srvany, srvany-ng and NSSM ones).");
            return Exit.OK;
        }
        String format = "%-" + width(rows, "name", 4) + "s  %-9s  %-16s  %-12s  %s%n";
        out().printf(format, "NAME", "WRAPPER", "STATE", "START", "DISPLAY NAME");
        for (Map<String, Object> r : rows) {
            out().printf(format, r.get("name"), r.get("wrapper"), r.get("state"), r.get("startType"), r.get("displayName"));
        }
        rows.stream().filter(r -> Boolean.TRUE.equals(r.get("unquotedImagePath"))).forEach(r ->
                err().println("warning: " + r.get("name") + "'s ImagePath is an unquoted path with spaces (a way in for"
                        + " a planted C:\\Program.exe); 'jsrvany adopt " + r.get("name") + "' replaces it with a quoted one."));
        return Exit.OK;
    }

    private static int width(List<Map<String, Object>> rows, String key, int min) {
        return Math.max(min, rows.stream().mapToInt(r -> String.valueOf(r.get(key)).length()).max().orElse(min));
    }
}
