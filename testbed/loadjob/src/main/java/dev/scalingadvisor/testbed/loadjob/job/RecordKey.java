package dev.scalingadvisor.testbed.loadjob.job;

import org.apache.flink.api.java.functions.KeySelector;

/**
 * The key of record {@code offset}: a deterministic hash over {@code keys} keys, with a share of all records
 * sent to key 0 when a hot key is asked for. Deterministic, so a replay after a restore routes records alike.
 */
final class RecordKey implements KeySelector<Long, Integer> {

    private static final long serialVersionUID = 1L;

    private final int keys;
    private final double hotKeyFraction;

    RecordKey(int keys, double hotKeyFraction) {
        this.keys = keys;
        this.hotKeyFraction = hotKeyFraction;
    }

    @Override
    public Integer getKey(Long offset) {
        long hash = mix(offset);
        if (hotKeyFraction > 0 && (hash >>> 11) * 0x1.0p-53 < hotKeyFraction) {
            return 0;
        }
        return (int) Long.remainderUnsigned(mix(hash), keys);
    }

    /** SplitMix64's finaliser: consecutive offsets land on unrelated keys. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
