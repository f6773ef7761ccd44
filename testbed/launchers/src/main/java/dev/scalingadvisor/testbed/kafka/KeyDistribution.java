package dev.scalingadvisor.testbed.kafka;

import java.util.SplittableRandom;

/**
 * Which key each produced record gets: {@code keys} keys drawn uniformly, except that a share of all records
 * ({@code hotKeyFraction}) goes to key 0, the hot key. Kafka partitions by key, so the hot key's partition and
 * the subtask that owns key 0 downstream get more than their share.
 *
 * @param keys how many distinct keys, 0 … keys-1
 * @param hotKeyFraction the share of records (0..1) sent to key 0 on top of its uniform share
 * @param seed the random sequence; the same seed gives the same keys in the same order
 */
public record KeyDistribution(int keys, double hotKeyFraction, long seed) {

    public KeyDistribution {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1, not " + keys);
        }
        if (!(hotKeyFraction >= 0 && hotKeyFraction <= 1)) {
            throw new IllegalArgumentException("hotKeyFraction must be within 0..1, not " + hotKeyFraction);
        }
    }

    /** {@code keys} keys, each as likely as the others. */
    public static KeyDistribution uniform(int keys) {
        return new KeyDistribution(keys, 0, 1);
    }

    /** The same keys with {@code fraction} of all records sent to key 0. */
    public KeyDistribution withHotKey(double fraction) {
        return new KeyDistribution(keys, fraction, seed);
    }

    /** A stream of keys following this distribution; not thread-safe, one per producer thread. */
    public Keys newSequence() {
        return new Keys(this, new SplittableRandom(seed));
    }

    /** Draws keys one after the other. */
    public static final class Keys {
        private final KeyDistribution distribution;
        private final SplittableRandom random;

        private Keys(KeyDistribution distribution, SplittableRandom random) {
            this.distribution = distribution;
            this.random = random;
        }

        public int next() {
            if (distribution.hotKeyFraction > 0 && random.nextDouble() < distribution.hotKeyFraction) {
                return 0;
            }
            return random.nextInt(distribution.keys);
        }
    }
}
