package dev.scalingadvisor.advisor.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The advisor's state directory, created if missing (owner-only, whatever the umask) and held with an exclusive lock for the life of the
 * daemon: two advisors writing one decision journal would each think they own the same jobs' rescales.
 */
public final class StateDirectory implements AutoCloseable {

    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private StateDirectory(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * @throws StateDirectoryException when the directory cannot be created or written, or another advisor holds it
     */
    public static StateDirectory open(Path dir) {
        try {
            OwnerOnly.directory(dir);
        } catch (IOException e) {
            throw new StateDirectoryException("cannot create state directory " + dir + ": " + e.getMessage(), e);
        }
        Path lockFile = dir.resolve("advisor.lock");
        FileChannel channel = null;
        try {
            OwnerOnly.file(lockFile);
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder =
                        Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                channel.close();
                throw new StateDirectoryException("another advisor is using state directory " + dir
                        + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                        + "; stop it or give this one its own state.dir");
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            return new StateDirectory(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateDirectoryException("cannot use state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Null when another process, or another open of this directory in this process, holds the lock. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    public Path path() {
        return dir;
    }

    /** The SQLite database holding the decision journal, rescale journal and per-job state. */
    public Path database() {
        return dir.resolve("advisor.db");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel close below releases it as well
        }
        closeQuietly(lockChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do: the process is giving the directory up
            }
        }
    }

    /** The state directory cannot be used; the message says why and what to do. */
    public static final class StateDirectoryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StateDirectoryException(String message) {
            super(message);
        }

        StateDirectoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
