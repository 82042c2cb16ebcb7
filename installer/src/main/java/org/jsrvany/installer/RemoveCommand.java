package org.jsrvany.installer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsrvany.core.security.FolderKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.jsrvany.core.status.PublishedStatus;
import org.jsrvany.core.win32.Win32CallException;
import org.jsrvany.core.service.ServiceDefinition;
import picocli.CommandLine.Option;

/**
 * {@code remove NAME}: stops the service (within its stop ladder's time), deletes it, and explains
 * "marked for deletion" instead of showing a bare error code.
 */
@picocli.CommandLine.Command(name = "remove", aliases = "uninstall", mixinStandardHelpOptions = true,
        description = {"Stops the service (waiting its stop ladder's time, from its AppStopMethod* parameters, plus"
                + " 30 s) and deletes it, with its parameters."})
final class RemoveCommand extends ControlCommands.Base {
    /** How long to watch for the SCM to finish removing a deleted service. */
    static final Duration GONE_WITHIN = Duration.ofSeconds(5);

    @Option(names = "--force", description = "Also remove a service that is not a jsrvany service.")
    boolean force;

    @Override
    public EnumSet<Exit> exits() {
        EnumSet<Exit> e = super.exits();
        e.add(Exit.SERVICE_EXISTS);
        return e;
    }

    @Override
    Exit run() throws InterruptedException {
        ServiceDefinition installed = Services.require(ctx(), name);
        WrapperKind kind = ImagePath.kind(installed.imagePath());
        if (kind != WrapperKind.JSRVANY && !force) {
            throw new InstallerException(Exit.SERVICE_EXISTS, "'" + name + "' is not a jsrvany service (it runs "
                    + (kind == WrapperKind.OTHER ? installed.imagePath() : kind.word()) + "): add --force to remove it"
                    + " anyway.");
        }
        Exit stopped = stop();
        if (stopped != Exit.OK) {
            return stopped;
        }
        try {
            scm().delete(name);
        } catch (Win32CallException e) {
            if (e.errorCode() == Failures.ERROR_SERVICE_MARKED_FOR_DELETE) {
                throw Failures.markedForDeletion(name, e);
            }
            throw e;
        }
        deleteStatusFile();
        unregisterEventSource();
        if (awaitGone()) {
            out().println("Removed '" + name + "'.");
        } else {
            out().println("Deleted '" + name + "'; Windows has marked it for deletion and removes it as soon as no"
                    + " program holds it open any more (close services.msc, Event Viewer or Task Manager if they are"
                    + " open; a reboot always completes it). Until then its name cannot be used again.");
        }
        return Exit.OK;
    }

    private boolean awaitGone() throws InterruptedException {
        Instant until = ctx().clock().instant().plus(GONE_WITHIN);
        while (true) {
            if (scm().find(name).isEmpty()) {
                return true;
            }
            if (!ctx().clock().instant().isBefore(until)) {
                return false;
            }
            ctx().sleeper().sleep(StateWaiter.POLL);
        }
    }

    /** The service's own event source, when it is one jsrvany registered (the shared "jsrvany" one stays). */
    private void unregisterEventSource() {
        try {
            if (ctx().backends().events().unregister(name)) {
                out().println("  unregistered the event log source '" + name + "'");
            }
        } catch (RuntimeException e) {
            err().println("jsrvany: note: could not unregister the event log source '" + name + "' (" + e.getMessage() + ").");
        }
    }

    /**
     * The status file and the service's state folder, when that is a plain folder (never through a link
     * the service's account may have made of it); the log folder stays.
     */
    private void deleteStatusFile() {
        Path file = PublishedStatus.file(ctx().layout().programData(), name);
        try {
            if (FolderKind.of(file.getParent()) == FolderKind.DIRECTORY) {
                Files.deleteIfExists(file);
                try (DirectoryStream<Path> left = Files.newDirectoryStream(file.getParent())) {
                    if (!left.iterator().hasNext()) {
                        Files.delete(file.getParent());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            err().println("jsrvany: note: could not delete the status file (" + e.getMessage() + ").");
        }
    }
}
