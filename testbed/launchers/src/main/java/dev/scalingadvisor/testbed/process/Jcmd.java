package dev.scalingadvisor.testbed.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostic commands sent to a child JVM with the JDK's {@code jcmd}: its threads' stacks for failure messages (a
 * test that timed out waiting for a daemon cannot otherwise tell a hung loop from one that decided something else),
 * and a full collection for a soak (the old generation after a full collection is the live set, what a leak grows).
 */
public final class Jcmd {

    private static final long TIMEOUT_SECONDS = 20;

    private Jcmd() {}

    /** The thread dump of the JVM with that pid, or a line saying why there is none; never throws. */
    public static String threadDump(long pid) {
        return run(pid, "Thread.print");
    }

    /** Asks the JVM with that pid for a full collection; its answer, or a line saying why there is none. */
    public static String collectGarbage(long pid) {
        return run(pid, "GC.run");
    }

    private static String run(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "(no answer to jcmd " + command + ": " + jcmd + " is not there)";
        }
        Path out = null;
        try {
            // Into a file, not a pipe: a jcmd that hangs must not hang its caller with it.
            out = Files.createTempFile("jcmd-" + pid + "-", ".txt");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "(no answer to jcmd " + command + ": jcmd did not finish within " + TIMEOUT_SECONDS + " s)";
            }
            return Files.readString(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no answer to jcmd " + command + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no answer to jcmd " + command + ": interrupted)";
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
