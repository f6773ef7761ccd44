package dev.scalingadvisor.rules.query;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a successful query returned, in the four shapes Prometheus has. */
public sealed interface QueryResult {

    /** How the shape is called in messages ("a vector", …). */
    String shape();

    /** An instant vector: one sample per series; empty when nothing matched. */
    record Vector(List<InstantSeries> series) implements QueryResult {
        public Vector {
            series = List.copyOf(series);
        }

        @Override
        public String shape() {
            return "a vector";
        }
    }

    /** A range vector: samples over time per series; empty when nothing matched. */
    record Matrix(List<RangeSeries> series) implements QueryResult {
        public Matrix {
            series = List.copyOf(series);
        }

        @Override
        public String shape() {
            return "a matrix";
        }
    }

    /** A single number, such as the answer to {@code 1 + 1}. */
    record Scalar(Sample sample) implements QueryResult {
        public Scalar {
            Objects.requireNonNull(sample, "sample");
        }

        @Override
        public String shape() {
            return "a scalar";
        }
    }

    /** A string literal's value. */
    record Text(Instant at, String value) implements QueryResult {
        public Text {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String shape() {
            return "a string";
        }
    }
}
