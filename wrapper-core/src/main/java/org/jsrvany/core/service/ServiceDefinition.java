package org.jsrvany.core.service;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A service's settings in the SCM. Read from the SCM ({@link ServiceManager#find}), or wanted by a
 * command. The optional settings are empty when the system cannot report them (Wine) or, in a wanted
 * definition, when the command leaves them as they are.
 *
 * @param name            the service (key) name
 * @param displayName     the name services.msc shows
 * @param description     the description; empty for none
 * @param imagePath       the command line the SCM starts (ImagePath)
 * @param startType       when it starts
 * @param dependencies    services it depends on; a group is written with a leading {@code +}
 * @param account         the account (ObjectName) as the SCM stores it: {@code LocalSystem},
 *                        {@code NT AUTHORITY\LocalService}, {@code NT SERVICE\<name>}, {@code .\name}...
 * @param failureActions  recovery actions
 * @param failureActionsOnNonCrash whether recovery actions also fire when the service stops with an error
 * @param preshutdownTimeout how long Windows waits for the service at preshutdown
 * @param sidType         the service SID type
 */
public record ServiceDefinition(String name, String displayName, String description, String imagePath,
                                StartType startType, List<String> dependencies, String account,
                                Optional<FailureActions> failureActions, Optional<Boolean> failureActionsOnNonCrash,
                                Optional<Duration> preshutdownTimeout, Optional<SidType> sidType) {
    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(imagePath, "imagePath");
        Objects.requireNonNull(startType, "startType");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(failureActions, "failureActions");
        Objects.requireNonNull(failureActionsOnNonCrash, "failureActionsOnNonCrash");
        Objects.requireNonNull(preshutdownTimeout, "preshutdownTimeout");
        Objects.requireNonNull(sidType, "sidType");
    }

    public ServiceDefinition withDisplayName(String v) {
        return new ServiceDefinition(name, v, description, imagePath, startType, dependencies, account, failureActions,
                failureActionsOnNonCrash, preshutdownTimeout, sidType);
    }

    public ServiceDefinition withDescription(String v) {
        return new ServiceDefinition(name, displayName, v, imagePath, startType, dependencies, account, failureActions,
                failureActionsOnNonCrash, preshutdownTimeout, sidType);
    }

    public ServiceDefinition withImagePath(String v) {
        return new ServiceDefinition(name, displayName, description, v, startType, dependencies, account, failureActions,
                failureActionsOnNonCrash, preshutdownTimeout, sidType);
    }

    public ServiceDefinition withStartType(StartType v) {
        return new ServiceDefinition(name, displayName, description, imagePath, v, dependencies, account, failureActions,
                failureActionsOnNonCrash, preshutdownTimeout, sidType);
    }

    public ServiceDefinition withDependencies(List<String> v) {
        return new ServiceDefinition(name, displayName, description, imagePath, startType, v, account, failureActions,
                failureActionsOnNonCrash, preshutdownTimeout, sidType);
    }

    public ServiceDefinition withAccount(String v) {
        return new ServiceDefinition(name, displayName, description, imagePath, startType, dependencies, v, failureActions,
                failureActionsOnNonCrash, preshutdownTimeout, sidType);
    }

    public ServiceDefinition withFailureActions(Optional<FailureActions> v) {
        return new ServiceDefinition(name, displayName, description, imagePath, startType, dependencies, account, v,
                failureActionsOnNonCrash, preshutdownTimeout, sidType);
    }

    public ServiceDefinition withFailureActionsOnNonCrash(Optional<Boolean> v) {
        return new ServiceDefinition(name, displayName, description, imagePath, startType, dependencies, account,
                failureActions, v, preshutdownTimeout, sidType);
    }

    public ServiceDefinition withPreshutdownTimeout(Optional<Duration> v) {
        return new ServiceDefinition(name, displayName, description, imagePath, startType, dependencies, account,
                failureActions, failureActionsOnNonCrash, v, sidType);
    }

    public ServiceDefinition withSidType(Optional<SidType> v) {
        return new ServiceDefinition(name, displayName, description, imagePath, startType, dependencies, account,
                failureActions, failureActionsOnNonCrash, preshutdownTimeout, v);
    }
}
