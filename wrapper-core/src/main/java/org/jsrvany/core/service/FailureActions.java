package org.jsrvany.core.service;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The SCM's recovery actions ({@code SERVICE_FAILURE_ACTIONS}): what Windows does after the first,
 * second and later failures of the service.
 *
 * @param resetPeriod   after this long without a failure the count starts again
 * @param actions       the actions, first failure first; the last one repeats
 * @param command       the command line of {@link Kind#RUN}; empty for none
 * @param rebootMessage the message broadcast before {@link Kind#REBOOT}; empty for none
 */
public record FailureActions(Duration resetPeriod, List<Action> actions, String command, String rebootMessage) {
    public FailureActions {
        Objects.requireNonNull(resetPeriod, "resetPeriod");
        actions = List.copyOf(actions);
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(rebootMessage, "rebootMessage");
    }

    /** No recovery at all (the Windows default). */
    public static FailureActions none() {
        return new FailureActions(Duration.ZERO, List.of(), "", "");
    }

    /** One action and the delay before it. */
    public record Action(Kind kind, Duration delay) {
        public Action {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(delay, "delay");
        }
    }

    /** {@code SC_ACTION_TYPE}. */
    public enum Kind {
        NONE("none", 0), RESTART("restart", 1), REBOOT("reboot", 2), RUN("run", 3);

        private final String word;
        private final int scmValue;

        Kind(String word, int scmValue) {
            this.word = word;
            this.scmValue = scmValue;
        }

        public String word() {
            return word;
        }

        public int scmValue() {
            return scmValue;
        }

        public static Kind fromScm(int value) {
            for (Kind k : values()) {
                if (k.scmValue == value) {
                    return k;
                }
            }
            return NONE;
        }
    }
}
