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
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An output file with rotation and retention.
 *
 * <p>Units are buffered per step and handed to the OS on every {@link #flush}; the owning mux flushes
 * after every read from the child. The buffer starts at {@link #BUFFER_SIZE} and grows to hold the
 * largest unit ({@link #MAX_BUFFER}).
 *
 * <p>A buffer that fills is written behind ({@link WriteBehind}): a thread of the sink's own writes it
 * while units go into a second buffer, so a busy program's output is formatted and written on two cores
 * at once. Everything else waits for that write first (the next full buffer, a flush, a rotation, the
 * check of the path, close), so the file's order and every rule below stay as if it were written at
 * once: a write behind that fails keeps its unwritten rest, which goes to the file before anything
 * accepted later, and the failure counts as the failure of the write that waited for it.
 *
 * <p>When writing fails (disk full, file locked or gone), what was accepted stays in the buffer and is
 * written first once writing works again, so the file never holds a torn line; units that do not fit
 * meanwhile are refused (the mux counts them). A failed open or write is retried at most once every
 * {@link #RETRY_MILLIS}. About once a second ({@link #CHECK_MILLIS}) while writing, and at each restart,
 * the sink checks that the path still names the file it writes: a file deleted or replaced meanwhile is
 * reopened (created anew), and the program's bytes written to it since the previous check are counted as
 * lost.
 */
final class FileSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(FileSink.class);

    /** Also the size of the buffers written behind: 512 KiB took less CPU per byte than 128 and 256. */
    static final int BUFFER_SIZE = 512 * 1024;
    /** The largest unit: a line piece plus timestamp, marker and line end, with room to spare. */
    static final int MAX_BUFFER = LineMux.LINE_MAX + 4096;
    static final long RETRY_MILLIS = 1000;
    static final long CHECK_MILLIS = 1000;

    private static final int MAX_COUNTER = 10_000;

    private final Path path;
    private final OutputSettings settings;
    private final boolean windows;
    /** AppStdoutCopyAndTruncate/AppStderrCopyAndTruncate: rotate by copy + truncate, the file stays where it is. */
    private final boolean copyAndTruncate;
    private ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
    /** The second buffer while idle (null until the first write behind, and while it is away). */
    private ByteBuffer spare;
    /** The buffer handed to {@link #writer} (read mode), until {@link #settle}; null when none. */
    private ByteBuffer writing;
    /** A buffer whose write behind failed: its rest (read mode) goes to the file before {@link #buffer}. */
    private ByteBuffer stuck;
    /** The program's bytes in {@link #writing} and in {@link #stuck}. */
    private long programWriting;
    private long programStuck;
    private final WriteBehind writer;

    private FileChannel channel;
    /** The open file's identity where the OS has one (POSIX inode), to notice it being replaced. */
    private Object fileKey;
    /** A regular file (not a device such as NUL or /dev/full), whose path is worth checking. */
    private boolean regular;
    /** CREATE_ALWAYS truncates once, at the first open; never after a failed rotation. */
    private boolean truncateNext;
    private boolean everOpened;
    /** open() did the first run's start work; the first startRun() has nothing left to do. */
    private boolean firstRunPrepared;
    private boolean closed;
    /** Bytes in the current file, buffered ones included. */
    private long size;
    /** Bytes counted against the size limit since the current file became current. */
    private long sinceRotation;
    private long periodStart;

    private IOException lastFailure;
    /** A unit was refused since writing last worked: later ones are too, so that lost output is one gap. */
    private boolean refusing;
    private long retryAt;
    private long checkedAt;
    /** The program's bytes in the buffer, and written since the last check of the path. */
    private long programBuffered;
    private long programSinceCheck;
    /** Lost after being accepted; reported by takeLost. */
    private long lostPending;

    FileSink(Path path, boolean append, OutputSettings settings, boolean windows) {
        this(path, append, settings, windows, false, RotationListener.NONE);
    }

    /** Told around every rotation (NSSM's Rotate hooks). */
    private final RotationListener rotation;

    /** @param copyAndTruncate rotate by copying the file aside and emptying it (NSSM's *CopyAndTruncate) */
    FileSink(Path path, boolean append, OutputSettings settings, boolean windows, boolean copyAndTruncate,
             RotationListener rotation) {
        this.rotation = rotation;
        this.path = path;
        this.settings = settings;
        this.windows = windows;
        this.truncateNext = !append;
        this.copyAndTruncate = copyAndTruncate;
        this.writer = new WriteBehind("jsrvany-output-writer " + path.getFileName());
    }

    @Override
    public void open(long now) throws IOException {
        if (settings.rotateOnStart()) {
            rotateAtStart(now);
        }
        openChannel();
        periodStart = now;
        checkedAt = now;
        firstRunPrepared = true;
    }

    @Override
    public void startRun(long now) {
        if (firstRunPrepared) {
            firstRunPrepared = false;
            return;
        }
        checkPath(now);
        if (settings.rotateOnStart()) {
            rotateAtStart(now);
        }
        if (channel == null) {
            try {
                openChannel();
                periodStart = now;
            } catch (IOException e) {
                LOG.error("Cannot open {} for the new run ({}); the program runs on, its output is counted as lost"
                        + " until the file can be opened (retried every second)", path, e.toString());
                noteFailure(e, now);
            }
        }
    }

    private void rotateAtStart(long now) {
        BasicFileAttributes attributes;
        try {
            writeBuffer(now);
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOG.warn("Cannot check whether {} needs rotating at start; keeping it", path, e);
            return;
        }
        if (!attributes.isRegularFile() || !RotationRules.atStart(attributes.size(),
                attributes.lastModifiedTime().toMillis(), now, settings.rotateMinAge().toMillis(), settings.rotateBytes())) {
            return;
        }
        rotate(now);
    }

    @Override
    public long takeLost(long now) {
        if (!closed && channel != null && now - checkedAt >= CHECK_MILLIS) {
            checkPath(now);
        }
        long l = lostPending;
        lostPending = 0;
        return l;
    }

    /**
     * Whether the path still names the open file. If not (deleted, moved away, replaced), the program's
     * bytes written since the previous check are counted as lost and the file is closed, to be created
     * anew by the next write.
     */
    private void checkPath(long now) {
        checkedAt = now;
        settle(now); // a failure is kept with its bytes for the next write, as a failed write's are
        if (channel == null || !regular) {
            programSinceCheck = 0;
            return;
        }
        boolean same;
        try {
            BasicFileAttributes current = Files.readAttributes(path, BasicFileAttributes.class);
            same = fileKey == null || Objects.equals(fileKey, current.fileKey());
        } catch (IOException e) {
            same = false;
        }
        if (same) {
            programSinceCheck = 0;
            return;
        }
        LOG.error("{} was deleted or replaced while being written; the {} bytes of output written to it since the"
                + " previous check (a second before at most) are counted as lost; writing on to a new file at that path",
                path, programSinceCheck);
        lostPending += programSinceCheck;
        programSinceCheck = 0;
        try {
            closeChannel();
        } catch (IOException e) {
            LOG.debug("closing the replaced {}: {}", path, e.toString());
        }
        everOpened = false; // the new file starts a new size count
        truncateNext = false;
    }

    @Override
    public void write(byte[] prefix, byte[] data, int offset, int length, byte[] suffix, int programBytes, long now)
            throws IOException {
        if (closed) {
            throw new IOException(path + " is closed");
        }
        int total = (prefix == null ? 0 : prefix.length) + length + (suffix == null ? 0 : suffix.length);
        if (settings.rotateOnline()) {
            switch (RotationRules.online(size, sinceRotation, total, settings.rotateBytes(),
                    periodStart, now, settings.rotatePeriod().toMillis())) {
                case ROTATE -> rotate(now);
                case RESTART_PERIOD -> periodStart = now;
                case NONE -> {
                }
            }
        }
        if (refusing || buffer.remaining() < total) {
            try {
                if (!refusing && channel != null && buffer.position() > 0 && stuck == null && lastFailure == null) {
                    writeBehind(now); // throws if the previous write behind failed: the unit is refused
                } else {
                    writeBuffer(now); // refuses the unit (throws) while writing fails
                }
            } catch (IOException e) {
                refusing = true; // and every later one until writing works: one gap, not many small ones
                throw e;
            }
            refusing = false;
            if (buffer.capacity() < total) { // empty here
                buffer = ByteBuffer.allocateDirect(Math.min(MAX_BUFFER, Math.max(total, 2 * buffer.capacity())));
            }
        }
        if (prefix != null) {
            buffer.put(prefix);
        }
        buffer.put(data, offset, length);
        if (suffix != null) {
            buffer.put(suffix);
        }
        programBuffered += programBytes;
        size += total;
        sinceRotation += total;
    }

    @Override
    public long room(long now) {
        return settings.rotateOnline() ? RotationRules.room(sinceRotation, settings.rotateBytes()) : Long.MAX_VALUE;
    }

    /**
     * Closes, renames and reopens. A failure is logged and the current file is kept (nothing is lost);
     * the limits restart so that the next attempt waits for another full size or period.
     */
    private void rotate(long now) {
        rotation.beforeRotation(path);
        if (copyAndTruncate) {
            copyAndTruncate(now);
            return;
        }
        try {
            writeBuffer(now);
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
        rotation.afterRotation(path, target);
    }

    /**
     * A rotation asked for now (service control 128, {@code jsrvany rotate}): between two units, so at a
     * line boundary; the unfinished line the mux still holds goes to the new file. An empty file or a
     * device is not rotated.
     *
     * @return whether a rotation was tried (its failure is logged and keeps the file, as for every rotation)
     */
    @Override
    public boolean rotateNow(long now) {
        if (closed) {
            return false;
        }
        try {
            writeBuffer(now);
        } catch (IOException e) {
            LOG.warn("Cannot rotate {} now: writing what it holds failed; keeping it", path, e);
            return false;
        }
        if (channel != null && !regular) {
            return false; // a device such as NUL: nothing to rotate
        }
        long onDisk;
        try {
            onDisk = channel != null ? size : Files.size(path);
        } catch (IOException e) {
            onDisk = 0; // not there: nothing to rotate
        }
        if (onDisk == 0) {
            LOG.info("Rotation asked for {}: it is empty, nothing to rotate", path);
            restartLimits(now);
            return false;
        }
        rotate(now);
        return true;
    }

    /**
     * NSSM's copy-and-truncate rotation: the file is copied to the rotated name, then emptied where it is,
     * so a process that holds it open keeps a valid handle. The mux's lock is held throughout, so none of
     * the program's output is written between the copy and the truncation: nothing is lost or doubled. A
     * failure is logged and the file kept.
     */
    private void copyAndTruncate(long now) {
        try {
            writeBuffer(now);
        } catch (IOException e) {
            LOG.warn("Cannot rotate {}: flushing it failed; keeping it for now", path, e);
            restartLimits(now);
            return;
        }
        Path target;
        try {
            target = copyAside(now);
        } catch (IOException e) {
            LOG.warn("Cannot rotate {}: copying it failed; appending to it for now", path, e);
            restartLimits(now);
            return;
        }
        try {
            if (channel != null) {
                channel.truncate(0);
            } else {
                try (FileChannel c = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    c.truncate(0);
                }
            }
        } catch (IOException e) {
            LOG.warn("Copied {} to {} but cannot empty it; its lines are now in both files, appending goes on", path,
                    target.getFileName(), e);
            restartLimits(now);
            return;
        }
        LOG.info("Rotated {} to {} (copied, then emptied)", path, target.getFileName());
        size = 0;
        restartLimits(now);
        applyRetention();
        rotation.afterRotation(path, target);
    }

    /** Copies the file to the first free rotated name; never replaces a file. */
    private Path copyAside(long now) throws IOException {
        for (int counter = 0; counter < MAX_COUNTER; counter++) {
            Path target = RotatedNames.rotatedPath(path, now, counter);
            if (Files.exists(target)) {
                continue;
            }
            try {
                Files.copy(path, target);
                return target;
            } catch (FileAlreadyExistsException raced) {
                // taken meanwhile: try the next counter
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(target); // no half copy left behind
                } catch (IOException ignored) {
                    LOG.debug("could not remove the half copy {}", target);
                }
                throw e;
            }
        }
        throw new IOException("no free rotated name for " + path + " after " + MAX_COUNTER + " tries");
    }

    private void restartLimits(long now) {
        sinceRotation = 0;
        periodStart = now;
    }

    /** Renames the file to the first free rotated name; never replaces a file (see {@link NoReplaceRename}). */
    private Path moveAside(long now) throws IOException {
        for (int counter = 0; counter < MAX_COUNTER; counter++) {
            Path target = RotatedNames.rotatedPath(path, now, counter);
            if (Files.exists(target)) {
                continue; // a quick skip; the rename itself is what guarantees no replacement
            }
            try {
                NoReplaceRename.rename(path, target, windows);
                return target;
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
        List<Path> created = List.of();
        try {
            created = createFolders(path.getParent());
            channel = FileChannel.open(path, options);
        } catch (IOException e) {
            removeQuietly(created);
            throw explained(path, e);
        }
        truncateNext = false;
        try {
            BasicFileAttributes opened = Files.readAttributes(path, BasicFileAttributes.class);
            fileKey = opened.fileKey();
            regular = opened.isRegularFile();
        } catch (IOException e) {
            fileKey = null;
            regular = false; // cannot be checked
        }
        size = channel.size() + buffer.position() + (stuck == null ? 0 : stuck.remaining());
        if (!everOpened) {
            sinceRotation = size; // an appended file's old content counts against the size limit
            everOpened = true;
        }
    }

    /**
     * Creates {@code folder} and the missing folders above it, returning those it created, deepest first.
     * If one cannot be created, those it did create are removed again and the failure is thrown as it
     * came (the caller explains it: {@link #explained}, {@link #explainedFor}).
     */
    static List<Path> createFolders(Path folder) throws IOException {
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
            throw e;
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

    /**
     * A file system exception's message is often only the path: say what went wrong too. When a file
     * stands where a folder of the path is needed, that file is named. The message starts with the file
     * that failed ({@code path} when the exception does not name one).
     */
    static IOException explained(Path path, IOException e) {
        Failure f = failure(path, e);
        return new IOException(f.file() + ": " + f.reason(), e);
    }

    /**
     * The same for a failure while opening {@code output} at the first start: the message starts with the
     * output file (the one the configuration names), and names the file that failed when it is another
     * (a folder above it, its lock file) and the reason does not already name the culprit.
     */
    static IOException explainedFor(Path output, IOException e) {
        Failure f = failure(output, e);
        boolean other = !f.namesCulprit() && !f.file().equals(output.toString());
        return new IOException(output + ": " + f.reason() + (other ? " (" + f.file() + ")" : ""), e);
    }

    /** The file that failed, why in words, and whether the words already name the file in the way. */
    private record Failure(String file, String reason, boolean namesCulprit) {
    }

    private static Failure failure(Path path, IOException e) {
        String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : path.toString();
        Path failed = pathOrNull(file);
        Path obstacle = failed == null ? null : fileInTheWay(failed.getParent());
        if (obstacle != null) {
            return new Failure(file, obstacle + " is in the way (a file where a folder is needed)", true);
        }
        String reason;
        if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof NoSuchFileException) {
            reason = "a folder above it does not exist";
        } else if (e instanceof FileAlreadyExistsException) {
            reason = "a file of that name is in the way of a folder";
        } else if (e instanceof NotDirectoryException) {
            reason = "a part of the path is a file, not a folder";
        } else if (failed != null && Files.isDirectory(failed)) {
            reason = "it is a folder, and an output file is needed there";
        } else if (e instanceof FileSystemException f && f.getReason() != null) {
            reason = f.getReason();
        } else {
            reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        return new Failure(file, reason, false);
    }

    /** The nearest existing one of {@code folder} and its ancestors, if it is not a folder. */
    private static Path fileInTheWay(Path folder) {
        for (Path p = folder; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? null : p;
            }
        }
        return null;
    }

    private static Path pathOrNull(String file) {
        try {
            return Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private void closeChannel() throws IOException {
        FileChannel c = channel;
        channel = null;
        if (c != null) {
            c.close();
        }
    }

    private void noteFailure(IOException e, long now) {
        lastFailure = e;
        retryAt = now + RETRY_MILLIS;
    }

    /**
     * Writes the whole buffer to the file, (re)opening it if needed. Keeps unwritten bytes on failure.
     * After a failure, further tries within {@link #RETRY_MILLIS} fail at once with the same exception.
     */
    private void writeBuffer(long now) throws IOException {
        IOException behind = settle(now);
        if (behind != null) {
            throw behind;
        }
        if (buffer.position() == 0 && stuck == null) {
            return;
        }
        if (closed) {
            throw new IOException(path + " is closed");
        }
        if (lastFailure != null && now < retryAt) {
            throw lastFailure;
        }
        try {
            if (channel == null) {
                openChannel();
            }
            if (stuck != null) {
                while (stuck.hasRemaining()) {
                    channel.write(stuck);
                }
                spare = stuck.clear();
                stuck = null;
                programSinceCheck += programStuck;
                programStuck = 0;
            }
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } finally {
                buffer.compact();
            }
        } catch (IOException e) {
            noteFailure(e, now);
            throw e;
        }
        lastFailure = null;
        programSinceCheck += programBuffered;
        programBuffered = 0;
    }

    /**
     * Hands the full {@link #buffer} to the writer thread and goes on with the second one, once the
     * previous write behind is done. If that one failed, its failure is thrown (noted, its bytes kept)
     * and nothing is handed over.
     */
    private void writeBehind(long now) throws IOException {
        IOException behind = settle(now);
        if (behind != null) {
            throw behind;
        }
        buffer.flip();
        writing = buffer;
        programWriting = programBuffered;
        programBuffered = 0;
        writer.submit(channel, writing);
        buffer = spare != null ? spare : ByteBuffer.allocateDirect(BUFFER_SIZE);
        spare = null;
    }

    /**
     * Waits for the write behind, if one is under way. Written whole: its buffer is the spare again. Failed:
     * the failure is noted as a failed write's is (retried after {@link #RETRY_MILLIS}) and returned, and
     * the buffer's rest is kept as {@link #stuck}, to go to the file before anything else.
     */
    private IOException settle(long now) {
        if (writing == null) {
            return null;
        }
        ByteBuffer done = writing;
        writing = null;
        IOException failure = writer.await();
        if (failure == null) {
            programSinceCheck += programWriting;
            programWriting = 0;
            spare = done.clear();
            return null;
        }
        stuck = done;
        programStuck = programWriting;
        programWriting = 0;
        noteFailure(failure, now);
        return failure;
    }

    @Override
    public void flush(long now) throws IOException {
        writeBuffer(now);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            writeBuffer(Long.MAX_VALUE); // a last try whatever the retry interval; waits for the write behind
        } finally {
            settle(Long.MAX_VALUE); // done by writeBuffer, unless it failed before
            if (stuck != null && stuck.hasRemaining()) {
                lostPending += Math.min(programStuck, stuck.remaining());
            }
            if (buffer.position() > 0) {
                lostPending += Math.min(programBuffered, buffer.position());
            }
            closed = true;
            buffer.clear();
            stuck = null;
            spare = null;
            programBuffered = 0;
            programStuck = 0;
            writer.shutdown();
            closeChannel();
        }
    }

    @Override
    public String describe() {
        return path.toString();
    }
}
