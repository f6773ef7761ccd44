package dev.scalingadvisor.testbed.loadjob.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files through which the job and the tests talk: the producer's high-water mark ({@code produced}), the
 * source's read position ({@code read}) and the ledger ({@code ledger}). The launcher's LoadJob reads and writes
 * the same names; keep the two in step.
 */
final class ControlFiles {

    static final String PRODUCED = "produced";
    static final String READ = "read";
    static final String LEDGER = "ledger";

    private ControlFiles() {}

    /** Readers must never see half a file, so write a sibling and rename it over the old one. */
    static void writeAtomically(Path file, String content) {
        Path tmp = file.resolveSibling(
                file.getFileName() + "." + Thread.currentThread().getId() + ".tmp");
        try {
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The number in {@code file}, or 0 before anyone wrote it. */
    static long readNumber(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }
}
