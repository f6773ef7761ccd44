package dev.scalingadvisor.testbed.e2e.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Checks that no process the demo started outlives it: none of this JVM's descendants may still run. */
final class LeftoverProcesses {

    private LeftoverProcesses() {}

    /** Waits up to {@code timeout} for every descendant to end; returns those still running ({@code pid command}). */
    static List<String> await(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<String> running = ProcessHandle.current()
                    .descendants()
                    .filter(ProcessHandle::isAlive)
                    .map(p -> p.pid() + " "
                            + p.info().commandLine().orElse(p.info().command().orElse("?")))
                    .toList();
            if (running.isEmpty() || Instant.now().isAfter(deadline)) {
                return running;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return running;
            }
        }
    }
}
