package dev.scalingadvisor.advisor.backtest;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a backtest has got, for a person watching a terminal: one line rewritten in place at each whole
 * percent. {@link #NONE} when stderr is not a terminal (piped, redirected to a file, CI), so logs stay clean.
 */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void warmingUp(Instant from) {}

        @Override
        public void at(Instant at, int jobs, int decisions) {}

        @Override
        public void done() {}
    };

    /** The replay before {@code from} that gives the daemon its memory has begun. */
    void warmingUp(Instant from);

    /** The step at {@code at} is done. */
    void at(Instant at, int jobs, int decisions);

    void done();

    /** Progress on a terminal, from {@code from} to {@code to}. */
    static Progress onTerminal(PrintWriter err, Instant from, Instant to) {
        return new Progress() {
            private final long total = Math.max(1, Duration.between(from, to).toMillis());
            private long shown = -1;

            @Override
            public void warmingUp(Instant start) {
                err.print("\rbacktest: replaying from " + start + " to give the engine its memory at " + from);
                err.flush();
            }

            @Override
            public void at(Instant at, int jobs, int decisions) {
                long percent = Duration.between(from, at).toMillis() * 100 / total;
                if (percent != shown) {
                    shown = percent;
                    err.print("\r\033[Kbacktest: " + percent + "% (" + at + "), " + jobs + " jobs, " + decisions
                            + " decisions");
                    err.flush();
                }
            }

            @Override
            public void done() {
                err.println();
                err.flush();
            }
        };
    }
}
