package dev.scalingadvisor.testbed.e2e.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The demo's terminal output: one line per event, prefixed with the time since the demo started and a
 * source tag, wrapped to {@value #WIDTH} columns, from any thread, and copied to a transcript in the run dir.
 * Characters the terminal's charset cannot show (→, —) are spelled in ASCII instead of as question marks.
 */
final class DemoConsole implements AutoCloseable {

    static final int WIDTH = 100;
    /** {@code "  mm:ss  TAG      "}: time, then a tag padded to the widest one. */
    private static final int TAG_WIDTH = 8;

    private static final String INDENT = " ".repeat(2 + 5 + 2 + TAG_WIDTH + 1);
    private static final Map<String, String> ASCII =
            Map.of("→", "->", "—", "--", "–", "-", "…", "...", "×", "x", "µ", "u", "≈", "~");

    private final PrintStream out;
    private final Writer transcript;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final CharsetEncoder encoder;

    DemoConsole(PrintStream out, Path transcriptFile, LongSupplier nanoTime) {
        this.out = out;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.encoder = stdoutCharset().newEncoder();
        try {
            Files.createDirectories(transcriptFile.toAbsolutePath().getParent());
            this.transcript = Files.newBufferedWriter(transcriptFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the demo transcript " + transcriptFile, e);
        }
    }

    /** The time since the demo started. */
    Duration elapsed() {
        return Duration.ofNanos(nanoTime.getAsLong() - startNanos);
    }

    /** {@code mm:ss} since the start (more minutes than 99 simply widen the column). */
    static String clock(Duration sinceStart) {
        long seconds = Math.max(0, sinceStart.toSeconds());
        return String.format("%02d:%02d", seconds / 60, seconds % 60);
    }

    /** One event line: {@code "  03:12  ADVISOR  text…"}, continuation lines indented under the text. */
    synchronized void event(String tag, String text) {
        String head = "  " + clock(elapsed()) + "  " + pad(tag, TAG_WIDTH) + " ";
        List<String> lines = wrap(text, WIDTH - head.length());
        write(head + lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            write(INDENT + line);
        }
    }

    /** A line as given (the timeline's rows and headers, the summary), still wrapped to the width. */
    synchronized void line(String text) {
        for (String line : wrap(text, WIDTH)) {
            write(line);
        }
    }

    /** An empty line and a heading rule: {@code "== Title ====…"}. */
    synchronized void heading(String title) {
        write("");
        String head = "== " + title + " ";
        write(head + "=".repeat(Math.max(3, WIDTH - head.length())));
    }

    @Override
    public synchronized void close() {
        try {
            transcript.close();
        } catch (IOException e) {
            out.println("(could not finish the transcript: " + e.getMessage() + ")");
        }
    }

    private void write(String line) {
        out.println(forTerminal(line));
        out.flush();
        try {
            transcript.write(line);
            transcript.write('\n');
            transcript.flush();
        } catch (IOException e) {
            // The terminal is what matters; a full disk must not end the demo.
        }
    }

    private String forTerminal(String line) {
        if (encoder.charset().equals(StandardCharsets.UTF_8) || encoder.canEncode(line)) {
            return line;
        }
        String ascii = line;
        for (Map.Entry<String, String> e : ASCII.entrySet()) {
            ascii = ascii.replace(e.getKey(), e.getValue());
        }
        return ascii;
    }

    /** Splits at spaces so that no line is longer than {@code width}; a longer word is cut. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            String rest = paragraph;
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0) {
                    cut = width;
                }
                lines.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(rest);
        }
        return lines;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** What Java 17 encodes System.out with: the terminal's encoding when it is one, else the platform's. */
    private static Charset stdoutCharset() {
        String terminal = System.getProperty("sun.stdout.encoding");
        try {
            return terminal != null ? Charset.forName(terminal) : Charset.defaultCharset();
        } catch (IllegalArgumentException unknown) {
            return Charset.defaultCharset();
        }
    }
}
