package org.jsrvany.core.output;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one wrapper the only writer of an output file: an exclusive lock on {@code <file>.lock} beside
 * it, held from {@link OutputCapture#open} to {@link OutputCapture#close}. A second wrapper (another
 * service, {@code run}, or {@code test} next to the running service) is refused with a sentence naming
 * the holder's pid, and never waits.
 *
 * <p>The lock file, not the output file, is locked: rotation renames the output file, and on Windows a
 * byte-range lock is mandatory, so locking the output would block its readers. Even in the lock file
 * the locked byte lies far beyond its content ({@link #LOCK_AT}), so a refused wrapper can read who holds
 * it. The file stays after the lock is released (deleting a lock file races with the next locker); it
 * holds the pid, the time and the command line of the last holder. The one exception: a folder the
 * capture created for a program that then never ran is removed again, lock file included
 * ({@link #closeAndDelete}).
 *
 * <p>POSIX record locks belong to the process and vanish when <em>any</em> descriptor of the file is
 * closed in that process, so within this JVM a lock file is opened once: a second capture of the same
 * file in this process is refused from {@link #HELD} without opening it again.
 *
 * <p>Only regular files (or a path that does not exist yet) are locked: a device such as
 * {@code /dev/null} or {@code NUL} gets no lock file.
 */
final class OutputLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutputLock.class);

    /** The locked byte: far past the content (as SQLite's lock bytes, safe on every file system). */
    static final long LOCK_AT = 1L << 30;
    private static final int MAX_HOLDER_TEXT = 4096;
    private static final int MAX_COMMAND = 300;
    /** Windows' reserved device names, also with an extension (NUL.txt is NUL). */
    private static final Pattern WINDOWS_DEVICE =
            Pattern.compile("(?i)(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\\..*)?");

    /** Lock files (real paths) locked by this process. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    /** Channels that must stay open so that closing them does not release another capture's lock. */
    private static final List<FileChannel> PARKED = new ArrayList<>();

    private final Path lockFile;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean closed;

    private OutputLock(Path lockFile, Path key, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Whether {@code path} names a Windows device by its name alone ({@code NUL}, {@code con.txt},
     * {@code COM1}; any folder), or a {@code \\.\} device path, where {@code <name>.lock} would be the
     * device again. On other systems devices are found by what exists on disk.
     */
    static boolean isDevice(Path path, boolean windows) {
        if (!windows) {
            return false;
        }
        String text = path.toString();
        if (text.startsWith("\\\\.\\") || text.startsWith("\\\\?\\GLOBALROOT")) {
            return true;
        }
        Path name = path.getFileName();
        return name != null && WINDOWS_DEVICE.matcher(name.toString().strip()).matches();
    }

    /** {@code <file>.lock} in the same folder. */
    static Path lockFileOf(Path output) {
        return output.resolveSibling(output.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code output}, or returns null when {@code output} is not a regular file (a
     * device) or its file system cannot lock (then a warning is logged and the wrapper goes on unlocked).
     *
     * @throws OutputInUseException if another process, or another capture in this one, holds it
     * @throws IOException          if the lock file cannot be created or opened
     */
    static OutputLock acquire(Path output, boolean windows) throws IOException {
        if (isDevice(output, windows) || Files.exists(output) && !Files.isRegularFile(output)) {
            return null; // a device (NUL, /dev/null, a FIFO): nothing to rotate, nothing to protect
        }
        Path lockFile = lockFileOf(output);
        try {
            Files.createFile(lockFile); // an exclusive create: no descriptor of an existing lock file is opened
        } catch (FileAlreadyExistsException exists) {
            // the usual case after the first run
        }
        Path key = lockFile.toRealPath();
        if (!HELD.add(key)) {
            throw inUse(output, lockFile, null);
        }
        boolean locked = false;
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock(LOCK_AT, 1, false);
            } catch (OverlappingFileLockException sameJvm) {
                // The same file under another name (a hard link) is locked in this JVM. Closing this channel
                // would release that lock (POSIX), so it stays open for the life of the process.
                synchronized (PARKED) {
                    PARKED.add(channel);
                }
                channel = null;
                throw inUse(output, lockFile, null);
            } catch (IOException unsupported) {
                LOG.warn("Cannot lock {} ({}); writing {} without protection against a second wrapper", lockFile,
                        unsupported.toString(), output);
                return null;
            }
            if (lock == null) {
                throw inUse(output, lockFile, read(channel));
            }
            writeHolder(channel, lockFile);
            locked = true;
            return new OutputLock(lockFile, key, channel, lock);
        } finally {
            if (!locked) {
                if (channel != null) {
                    close(channel);
                }
                HELD.remove(key);
            }
        }
    }

    /** @param holderText the lock file's content, or null when the holder is this process */
    private static OutputInUseException inUse(Path output, Path lockFile, String holderText) {
        String who;
        if (holderText == null) {
            who = "this process (pid " + ProcessHandle.current().pid() + ") already writes it";
        } else {
            Properties p = new Properties();
            try {
                p.load(new StringReader(holderText));
            } catch (IOException | IllegalArgumentException e) {
                p.clear();
            }
            String pid = p.getProperty("pid");
            who = pid == null
                    ? "another process already writes it (it has not recorded its pid yet; see " + lockFile + ")"
                    : "another process already writes it: pid " + pid
                            + (p.getProperty("since") != null ? ", since " + p.getProperty("since") : "")
                            + (p.getProperty("command") != null ? ", " + p.getProperty("command") : "");
        }
        return new OutputInUseException(output + " is locked by another jsrvany wrapper: " + who
                + ". Two wrappers must not write one output file: stop the other one, or give this one its own"
                + " AppStdout/AppStderr", lockFile);
    }

    private static String read(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(MAX_HOLDER_TEXT);
            channel.read(buffer, 0);
            buffer.flip();
            return StandardCharsets.UTF_8.decode(buffer).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Records who holds the lock, for the next one refused. Best effort: the lock counts, not the text. */
    private static void writeHolder(FileChannel channel, Path lockFile) {
        ProcessHandle self = ProcessHandle.current();
        String command = describeCommand(self.info().command().orElse(""), self.info().arguments().orElse(new String[0]));
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(self.pid()));
        p.setProperty("since", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        if (!command.isEmpty()) {
            p.setProperty("command", command);
        }
        StringWriter text = new StringWriter();
        try {
            p.store(text, "jsrvany: the wrapper writing the output file beside this one (locked while it runs)");
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            LOG.warn("Cannot record this process in {} ({}); the lock holds all the same", lockFile, e.toString());
        }
    }

    /**
     * A command line short enough for a message: the class path (the value after {@code -cp},
     * {@code -classpath}, {@code --class-path}) is left out, and the whole is cut at 300 characters.
     */
    static String describeCommand(String executable, String[] arguments) {
        StringBuilder sb = new StringBuilder(executable);
        boolean classPathNext = false;
        for (String arg : arguments) {
            sb.append(' ').append(classPathNext ? "..." : arg);
            classPathNext = arg.equals("-cp") || arg.equals("-classpath") || arg.equals("--class-path");
        }
        String text = sb.toString().strip();
        return text.length() > MAX_COMMAND ? text.substring(0, MAX_COMMAND) + "..." : text;
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a lock file: {}", e.toString());
        }
    }

    /** The lock file (kept after release). */
    Path file() {
        return lockFile;
    }

    /**
     * Releases the lock and deletes the lock file: only for a lock file in a folder the capture created
     * and now removes because its program never ran (elsewhere the file stays, see above). Deleted while
     * still locked where the system allows it (POSIX), so a wrapper that opened it meanwhile is refused
     * instead of locking a file that is gone; where it does not (Windows: an open file cannot be deleted),
     * right after the release. Idempotent.
     */
    synchronized void closeAndDelete() {
        if (closed) {
            return;
        }
        boolean deleted = delete();
        close();
        if (!deleted) {
            delete();
        }
    }

    private boolean delete() {
        try {
            return Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            LOG.debug("deleting {}: {}", lockFile, e.toString());
            return false;
        }
    }

    /** Releases the lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("releasing {}: {}", lockFile, e.toString());
        }
        close(channel);
        HELD.remove(key);
    }
}
