package org.jsrvany.core.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output file with rotation and retention. Bytes are buffered per step (at most
 * {@link #BUFFER_SIZE}) and handed to the OS on every {@link #flush()}; the owning mux flushes after
 * every read from the child, so nothing the child wrote waits in memory for more output.
 */
final class FileSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);

    /** Largest unit plus room: a unit always fits after a successful flush. */
    static final int BUFFER_SIZE = 2 * LineMux.LINE_MAX;

    private static final int MAX_COUNTER = 10_000;

    private final Path path;
    private final OutputSettings settings;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);

    private FileChannel channel;
    /** CREATE_ALWAYS truncates once, at the first open; never after a failed rotation. */
    private boolean truncateNext;
    private boolean everOpened;
    private boolean closed;
    /** Bytes in the current file, buffered ones included. */
    private long size;
    /** Bytes counted against the size limit since the current file became current. */
    private long sinceRotation;
    private long periodStart;

    FileSink(Path path, boolean append, OutputSettings settings) {
        this.path = path;
        this.settings = settings;
        this.truncateNext = !append;
    }

    @Override
    public void startRun(long now) throws IOException {
        if (settings.rotateOnStart()) {
            rotateAtStart(now);
        }
        if (channel == null) {
            openChannel();
            periodStart = now;
        }
    }

    private void rotateAtStart(long now) {
        BasicFileAttributes attributes;
        try {
            writeBuffer();
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("Cannot check whether {} needs rotating at start; keeping it", path, e);
            return;
        }
        if (!RotationRules.atStart(attributes.size(), attributes.lastModifiedTime().toMillis(), now,
                settings.rotateMinAge().toMillis(), settings.rotateBytes())) {
            return;
        }
        rotate(now);
    }

    @Override
    public void beginUnit(int length, long now) throws IOException {
        if (settings.rotateOnline()) {
            switch (RotationRules.online(size, sinceRotation, length, settings.rotateBytes(),
                    periodStart, now, settings.rotatePeriod().toMillis())) {
                case ROTATE -> rotate(now);
                case RESTART_PERIOD -> periodStart = now;
                case NONE -> {
                }
            }
        }
        if (buffer.remaining() < length) {
            writeBuffer();
        }
        size += length;
        sinceRotation += length;
    }

    /**
     * Closes, renames and reopens. A failure is logged and the current file is kept (nothing is lost);
     * the limits restart so that the next attempt waits for another full size or period.
     */
    private void rotate(long now) {
        try {
            writeBuffer();
            closeChannel();
        } catch (IOException e) {
            LOG.warn("Cannot rotate {}: flushing it failed; keeping it for now", path, e);
            truncateNext = false;
            restartLimits(now);
            return;
        }
        Path target;
        try {
            target = moveAside(now);
        } catch (IOException e) {
            LOG.warn("Cannot rotate {}: renaming it failed; appending to it for now", path, e);
            truncateNext = false;
            restartLimits(now);
            return; // reopened (appending) by the next write
        }
        LOG.info("Rotated {} to {}", path, target.getFileName());
        size = 0;
        restartLimits(now);
        applyRetention();
    }

    private void restartLimits(long now) {
        sinceRotation = 0;
        periodStart = now;
    }

    private Path moveAside(long now) throws IOException {
        for (int counter = 0; counter < MAX_COUNTER; counter++) {
            Path target = RotatedNames.rotatedPath(path, now, counter);
            if (Files.exists(target)) {
                continue;
            }
            try {
                return Files.move(path, target); // no REPLACE_EXISTING: never overwrite a rotated file
            } catch (FileAlreadyExistsException raced) {
                // taken meanwhile: try the next counter
            }
        }
        throw new IOException("no free rotated name for " + path + " after " + MAX_COUNTER + " tries");
    }

    private void applyRetention() {
        if (settings.keep() <= 0) {
            return;
        }
        List<RotatedNames.Rotated> doomed;
        try {
            doomed = RotatedNames.beyondKeep(RotatedNames.list(path), settings.keep());
        } catch (IOException e) {
            LOG.warn("Cannot list rotated files of {} to apply AppRotateKeep={}", path, settings.keep(), e);
            return;
        }
        for (RotatedNames.Rotated old : doomed) {
            try {
                Files.deleteIfExists(old.path());
                LOG.info("Deleted old rotated file {} (AppRotateKeep={})", old.path().getFileName(), settings.keep());
            } catch (IOException e) {
                LOG.warn("Cannot delete old rotated file {}", old.path(), e);
            }
        }
    }

    private void openChannel() throws IOException {
        OpenOption[] options = truncateNext
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING}
                : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND};
        List<Path> created = createFolders(path.getParent());
        try {
            channel = FileChannel.open(path, options);
        } catch (IOException e) {
            removeQuietly(created);
            throw explained(path, e);
        }
        truncateNext = false;
        size = channel.size() + buffer.position();
        if (!everOpened) {
            sinceRotation = size; // an appended file's old content counts against the size limit
            everOpened = true;
        }
    }

    /** Creates the missing folders above the file, returning those it created, deepest first. */
    private static List<Path> createFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = folder; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(p);
        }
        List<Path> created = new ArrayList<>();
        try {
            for (int i = missing.size() - 1; i >= 0; i--) {
                Files.createDirectory(missing.get(i));
                created.add(0, missing.get(i));
            }
        } catch (FileAlreadyExistsException raced) {
            // Created meanwhile by someone else (or a file is in the way): the open below tells which.
        } catch (IOException e) {
            removeQuietly(created);
            throw explained(missing.get(missing.size() - 1 - created.size()), e);
        }
        return created;
    }

    /** Nothing half-done: folders made for a file that could not be opened are removed again. */
    private static void removeQuietly(List<Path> created) {
        for (Path p : created) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("Could not remove the folder {} created for an output file that could not be opened", p, e);
            }
        }
    }

    /** A file system exception's message is often only the path: say what went wrong too. */
    static IOException explained(Path path, IOException e) {
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "a folder above it does not exist";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "a file of that name is in the way of a folder";
        } else if (e instanceof NotDirectoryException) {
            reason = "a part of the path is a file, not a folder";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : path.toString();
        return new IOException(file + ": " + reason, e);
    }

    private void closeChannel() throws IOException {
        FileChannel c = channel;
        channel = null;
        if (c != null) {
            c.close();
        }
    }

    /** Writes the whole buffer to the file, (re)opening it if needed. Keeps unwritten bytes on failure. */
    private void writeBuffer() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        if (closed) {
            throw new IOException(path + " is closed");
        }
        if (channel == null) {
            openChannel();
        }
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } finally {
            buffer.compact();
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        buffer.put(bytes, offset, length); // room was reserved by beginUnit
    }

    @Override
    public void flush() throws IOException {
        writeBuffer();
    }

    /** Bytes accepted but not yet in the file (lost if close cannot write them). */
    int buffered() {
        return buffer.position();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            writeBuffer();
        } finally {
            closed = true;
            buffer.clear();
            closeChannel();
        }
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
