package dev.scalingadvisor.actions.rescale.request;

/** A parallelism before and after a rescale. */
public record ParallelismChange(int from, int to) {

    public ParallelismChange {
        if (from < 1 || to < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + from + " -> " + to);
        }
    }

    public boolean isIncrease() {
        return to > from;
    }

    public boolean isChange() {
        return to != from;
    }

    /** The same change backwards, for a rollback. */
    public ParallelismChange reversed() {
        return new ParallelismChange(to, from);
    }

    @Override
    public String toString() {
        return from + "->" + to;
    }
}
