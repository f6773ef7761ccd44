package dev.scalingadvisor.testbed.loadjob.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordKeyTest {

    @Test
    void spreadsRecordsOverAllKeysTheSameWayEveryTime() {
        RecordKey key = new RecordKey(100, 0);
        Map<Integer, Integer> perKey = new HashMap<>();
        for (long offset = 0; offset < 100_000; offset++) {
            perKey.merge(key.getKey(offset), 1, Integer::sum);
        }

        assertThat(perKey).hasSize(100);
        assertThat(perKey.values()).allSatisfy(n -> assertThat(n).isBetween(800, 1200));
        assertThat(new RecordKey(100, 0).getKey(12345L)).isEqualTo(key.getKey(12345L));
    }

    @Test
    void sendsTheHotKeyFractionToKeyZero() {
        RecordKey key = new RecordKey(1000, 0.5);
        int hot = 0;
        for (long offset = 0; offset < 100_000; offset++) {
            if (key.getKey(offset) == 0) {
                hot++;
            }
        }

        assertThat(hot).isBetween(49_000, 51_500);
    }
}
