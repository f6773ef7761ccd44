package dev.scalingadvisor.testbed.loadjob;

/**
 * What the load job has done so far, from the producer's mark, the source's read position and the ledger.
 *
 * @param produced records produced (the topic's high-water mark)
 * @param read the source's read position (records it has emitted)
 * @param sumOfKeyCounts the sum over keys of the highest per-key count the ledger saw
 * @param resets how often a key's count did not grow (state reset or a replayed duplicate)
 * @param gaps how often a key's count skipped (an update lost between operator and ledger)
 * @param records (key, count) messages the ledger processed
 * @param keys distinct keys seen
 */
public record LoadJobState(
        long produced, long read, long sumOfKeyCounts, long resets, long gaps, long records, long keys) {

    /** Records produced but not read yet, as a Kafka consumer's lag. */
    public long lag() {
        return produced - read;
    }

    /**
     * Records produced and not yet counted: the job's backlog, whatever its source. For the Kafka job, what Kafka
     * holds for it plus what is in flight inside it; unlike {@link #lag()}, it does not count what was read since
     * the last checkpoint committed the Kafka offsets.
     */
    public long unprocessed() {
        return produced - records;
    }

    /** Everything produced has been read and has reached the ledger. */
    public boolean drained() {
        return read == produced && records == produced;
    }

    /** No per-key count was lost, reset or skipped: the sum of key counts equals what was produced. */
    public boolean noStateLost() {
        return resets == 0 && gaps == 0 && sumOfKeyCounts == produced;
    }
}
