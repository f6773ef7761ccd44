package dev.scalingadvisor.advisor.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A run as a server-side SVG chart: records/s offered and the capacity at the current parallelism (left axis),
 * the parallelism and the needed parallelism (right axis), rescales as vertical lines, told decisions and
 * findings as marks, missing metrics shaded. Plain SVG text, so the document renders it anywhere.
 */
final class RunChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 260;
    private static final int LEFT = 60;
    private static final int RIGHT = 40;
    private static final int TOP = 20;
    private static final int BOTTOM = 40;

    private RunChart() {}

    static String svg(Run run) {
        List<Run.Tick> ticks = run.ticks();
        double maxRate = 1;
        int maxP = 1;
        for (Run.Tick t : ticks) {
            maxRate = Math.max(maxRate, Math.max(t.offered(), t.capacity()));
            maxP = Math.max(maxP, Math.max(t.parallelism(), t.needed()));
        }
        maxRate *= 1.1;
        maxP += 1;
        long total = Duration.between(
                        ticks.get(0).at(), ticks.get(ticks.size() - 1).at())
                .toSeconds();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"11\">%n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"14\" font-weight=\"bold\">%s</text>%n",
                LEFT,
                run.scenario().name()));
        for (Run.Tick t : ticks) {
            if (t.gap()) {
                double x = x(t, ticks, total);
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#eeeeee\"/>%n",
                        x,
                        TOP,
                        Math.max(1, plotWidth() * ClosedLoop.INTERVAL.toSeconds() / (double) total),
                        plotHeight()));
            }
        }
        axes(svg, maxRate, maxP, total);
        double rateScale = maxRate;
        polyline(svg, ticks, total, t -> t.offered() / rateScale, "#1f77b4", "");
        polyline(svg, ticks, total, t -> t.capacity() / rateScale, "#2ca02c", " stroke-dasharray=\"4 2\"");
        int pScale = maxP;
        polyline(svg, ticks, total, t -> t.parallelism() / (double) pScale, "#d62728", " stroke-width=\"2\"");
        polyline(svg, ticks, total, t -> t.needed() / (double) pScale, "#ff7f0e", " stroke-dasharray=\"2 3\"");
        for (Run.Event e : run.events()) {
            double x = LEFT
                    + plotWidth() * Duration.between(ticks.get(0).at(), e.at()).toSeconds() / (double) total;
            switch (e.kind()) {
                case RESCALED ->
                    svg.append(String.format(
                            Locale.ROOT,
                            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d62728\" stroke-opacity=\"0.4\"/>%n",
                            x,
                            TOP,
                            x,
                            TOP + plotHeight()));
                case TOLD -> mark(svg, x, TOP + 6, "#9467bd");
                case FINDING -> mark(svg, x, TOP + 14, "#8c564b");
                default -> {}
            }
        }
        legend(svg);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private interface Value {
        double of(Run.Tick tick);
    }

    private static void polyline(
            StringBuilder svg, List<Run.Tick> ticks, long total, Value value, String colour, String extra) {
        StringBuilder points = new StringBuilder();
        // One point per pixel column at most keeps a day's chart small.
        int step = Math.max(1, ticks.size() / plotWidth());
        for (int i = 0; i < ticks.size(); i += step) {
            Run.Tick t = ticks.get(i);
            double y = TOP + plotHeight() * (1 - Math.min(1, value.of(t)));
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(t, ticks, total), y));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\"%s points=\"%s\"/>%n",
                colour,
                extra,
                points.toString().trim()));
    }

    private static void axes(StringBuilder svg, double maxRate, int maxP, long total) {
        int bottom = TOP + plotHeight();
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT,
                bottom,
                LEFT + plotWidth(),
                bottom));
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n",
                LEFT,
                TOP,
                LEFT,
                bottom));
        for (int i = 0; i <= 4; i++) {
            double y = bottom - plotHeight() * i / 4.0;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 4,
                    y + 4,
                    rate(maxRate * i / 4)));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\">%s</text>%n",
                    LEFT + plotWidth() + 4,
                    y + 4,
                    String.format(Locale.ROOT, "%.1f", maxP * i / 4.0)));
        }
        long hours = Math.max(1, total / 3600);
        long tickEvery = hours <= 3 ? 1800 : hours <= 8 ? 3600 : 4 * 3600;
        for (long s = 0; s <= total; s += tickEvery) {
            double x = LEFT + plotWidth() * s / (double) total;
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d:%02d</text>%n",
                    x,
                    bottom + 14,
                    s / 3600,
                    (s % 3600) / 60));
        }
    }

    private static void legend(StringBuilder svg) {
        String[][] items = {
            {"#1f77b4", "offered rec/s"},
            {"#2ca02c", "capacity rec/s"},
            {"#d62728", "parallelism (right)"},
            {"#ff7f0e", "needed (right)"},
            {"#9467bd", "told"},
            {"#8c564b", "finding"}
        };
        int x = LEFT;
        int y = HEIGHT - 8;
        for (String[] item : items) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    x,
                    y - 4,
                    item[0],
                    x + 13,
                    y,
                    item[1]));
            x += 22 + item[1].length() * 6;
        }
    }

    private static void mark(StringBuilder svg, double x, int y, String colour) {
        svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"3\" fill=\"%s\"/>%n", x, y, colour));
    }

    private static double x(Run.Tick t, List<Run.Tick> ticks, long total) {
        return LEFT + plotWidth() * Duration.between(ticks.get(0).at(), t.at()).toSeconds() / (double) total;
    }

    private static String rate(double r) {
        return r >= 10_000 ? String.format(Locale.ROOT, "%.0fk", r / 1000) : String.format(Locale.ROOT, "%.0f", r);
    }

    private static int plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static int plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }
}
