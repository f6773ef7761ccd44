package dev.scalingadvisor.testbed.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The stacks of a child JVM's threads, taken with the JDK's {@code jcmd}, for failure messages: a test that
 * timed out waiting for a daemon cannot otherwise tell a hung loop from one that decided something else.
 */
public final class ThreadDump {

    private static final long TIMEOUT_SECONDS = 20;

    private ThreadDump() {}

    /** The thread dump of the JVM with that pid, or a line saying why there is none; never throws. */
    public static String of(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "(no thread dump: " + jcmd + " is not there)";
        }
        Path out = null;
        try {
            // Into a file, not a pipe: a jcmd that hangs must not hang the failing test with it.
            out = Files.createTempFile("thread-dump-" + pid + "-", ".txt");
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "(no thread dump: jcmd did not finish within " + TIMEOUT_SECONDS + " s)";
            }
            return Files.readString(out, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no thread dump: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
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
