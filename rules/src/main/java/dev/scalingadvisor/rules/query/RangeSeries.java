package dev.scalingadvisor.rules.query;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One series of a range query's answer: its samples at the query's steps, oldest first, gaps left out.
 *
 * <p>Kept as two arrays, not a {@link Sample} per point: a replay of a week reads over a hundred million points, and
 * an object and an {@link Instant} for each were a sixth of its heap traffic. {@link #samples()} is a view for the
 * callers that read few.
 */
public final class RangeSeries {

    private final SeriesLabels labels;
    private final long[] millis;
    private final double[] values;
    private final int size;

    public RangeSeries(SeriesLabels labels, List<Sample> samples) {
        this.labels = Objects.requireNonNull(labels, "labels");
        this.size = samples.size();
        this.millis = new long[size];
        this.values = new double[size];
        for (int i = 0; i < size; i++) {
            Sample sample = samples.get(i);
            millis[i] = sample.at().toEpochMilli();
            values[i] = sample.value();
        }
    }

    private RangeSeries(SeriesLabels labels, long[] millis, double[] values, int size) {
        this.labels = labels;
        this.millis = millis;
        this.values = values;
        this.size = size;
    }

    public SeriesLabels labels() {
        return labels;
    }

    /** How many samples the series has. */
    public int size() {
        return size;
    }

    /** The time of sample {@code i}, in Unix milliseconds. */
    public long millisAt(int i) {
        Objects.checkIndex(i, size);
        return millis[i];
    }

    /** The value of sample {@code i}. */
    public double valueAt(int i) {
        Objects.checkIndex(i, size);
        return values[i];
    }

    /** The samples, oldest first: a read-only view that builds each {@link Sample} as it is read. */
    public List<Sample> samples() {
        return new AbstractList<>() {
            @Override
            public Sample get(int i) {
                return new Sample(Instant.ofEpochMilli(millisAt(i)), valueAt(i));
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RangeSeries that
                && labels.equals(that.labels)
                && Arrays.equals(millis, 0, size, that.millis, 0, that.size)
                // Bit for bit, as a record's double component compares: NaN equals NaN.
                && Arrays.equals(values, 0, size, that.values, 0, that.size);
    }

    @Override
    public int hashCode() {
        int hash = labels.hashCode();
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + Long.hashCode(millis[i]);
            hash = 31 * hash + Double.hashCode(values[i]);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "RangeSeries[labels=" + labels + ", samples=" + samples() + "]";
    }

    /**
     * Collects a series' samples as they are read, without a {@link Sample} per point. Used once: {@link #build} hands
     * its arrays to the series without a copy.
     */
    static final class Builder {
        private long[] millis = new long[16];
        private double[] values = new double[16];
        private int size;

        void add(long at, double value) {
            if (size == millis.length) {
                millis = Arrays.copyOf(millis, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            millis[size] = at;
            values[size] = value;
            size++;
        }

        RangeSeries build(SeriesLabels labels) {
            return new RangeSeries(Objects.requireNonNull(labels, "labels"), millis, values, size);
        }
    }
}
