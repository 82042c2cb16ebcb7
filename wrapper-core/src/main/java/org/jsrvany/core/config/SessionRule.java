package org.jsrvany.core.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the program runs and as whom: {@code AppSession}, {@code AppSessionUser},
 * {@code AppSessionElevated}, and how its environment is built on top of the user's own
 * ({@code AppEnvironment}, {@code AppEnvironmentExtra}, {@code OverrideEnvironment}).
 *
 * @param mode        which session
 * @param user        only this user's session ({@code DOMAIN\name} or {@code name}, compared without case); empty = any
 * @param elevated    the user's linked elevated token (UAC) instead of the filtered one
 * @param environment the environment recipe, applied to the user's own environment block at each launch
 */
public record SessionRule(SessionMode mode, Optional<String> user, boolean elevated, EnvironmentRecipe environment) {

    /** The program runs in the service's session: today's behaviour. */
    public static final SessionRule SERVICE = new SessionRule(SessionMode.SERVICE, Optional.empty(), false,
            EnvironmentRecipe.NONE);

    public SessionRule {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(environment, "environment");
        user = user.map(String::strip).filter(u -> !u.isEmpty());
    }

    /** Whether the program runs in a user's session. */
    public boolean desktop() {
        return mode.desktop();
    }

    /**
     * Whether {@code account} ({@code DOMAIN\name}, or a bare name) is the user this rule accepts: any
     * user when {@link #user()} is empty; a bare name in the rule matches that name in any domain.
     */
    public boolean accepts(String account) {
        if (user.isEmpty()) {
            return true;
        }
        String want = user.get().toLowerCase(Locale.ROOT);
        String have = account.toLowerCase(Locale.ROOT);
        if (want.contains("\\")) {
            return want.equals(have);
        }
        int slash = have.lastIndexOf('\\');
        return want.equals(slash < 0 ? have : have.substring(slash + 1));
    }

    /**
     * Why {@code account} (a service's ObjectName) cannot run a program in a user's session, or empty when it can
     * (or {@code mode} is Service): only LocalSystem holds SeTcbPrivilege, which {@code WTSQueryUserToken} needs, and
     * jsrvany never grants that privilege to another account. The installer refuses with this sentence; the
     * service, finding itself without the privilege, stops with it.
     */
    public static Optional<String> accountRefusal(SessionMode mode, String account) {
        if (!mode.desktop() || isLocalSystem(account)) {
            return Optional.empty();
        }
        return Optional.of("AppSession " + mode.registryText() + " runs the program in a logged-on user's session with"
                + " that user's token, which only LocalSystem may obtain (WTSQueryUserToken needs SeTcbPrivilege, and"
                + " jsrvany never grants that privilege to another account), but the service runs as " + account
                + ": install it for LocalSystem (--account LocalSystem) or set AppSession to Service.");
    }

    /** Whether an ObjectName names LocalSystem (as the SCM stores it, or as people write it). */
    public static boolean isLocalSystem(String account) {
        String a = account == null ? "" : account.strip().toLowerCase(Locale.ROOT);
        return a.isEmpty() || a.equals("localsystem") || a.equals(".\\localsystem") || a.equals("nt authority\\system")
                || a.equals("system");
    }

    /**
     * How the environment is built, kept so that it can be applied to the user's own environment at
     * launch (the service's environment is not the user's).
     *
     * @param replace      {@code AppEnvironment}, if set
     * @param mergeReplace {@code OverrideEnvironment=0}: {@code AppEnvironment} merged instead of replacing
     * @param extra        {@code AppEnvironmentExtra}
     */
    public record EnvironmentRecipe(Optional<List<String>> replace, boolean mergeReplace, List<String> fileEntries,
                                    List<String> extra) {
        /** No entries: the base environment as it is. */
        public static final EnvironmentRecipe NONE = new EnvironmentRecipe(Optional.empty(), false, List.of());

        public EnvironmentRecipe {
            replace = replace.map(List::copyOf);
            fileEntries = List.copyOf(fileEntries);
            extra = List.copyOf(extra);
        }

        /** Without {@code AppEnvironmentFile} entries. */
        public EnvironmentRecipe(Optional<List<String>> replace, boolean mergeReplace, List<String> extra) {
            this(replace, mergeReplace, List.of(), extra);
        }

        /** Never the environment file's values (they are often secrets): only how many there are. */
        @Override
        public String toString() {
            return "EnvironmentRecipe[replace=" + replace + ", mergeReplace=" + mergeReplace + ", fileEntries="
                    + fileEntries.size() + " entries, extra=" + extra + "]";
        }
    }
}
