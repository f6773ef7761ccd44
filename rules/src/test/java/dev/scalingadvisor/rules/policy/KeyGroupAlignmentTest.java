package dev.scalingadvisor.rules.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalingadvisor.rules.explain.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyGroupAlignmentTest {

    @ParameterizedTest(name = "{0}: {2} → {3} with {4} key groups in [{5}, {6}] becomes {7}")
    @CsvSource({
        // scenario,                                  up,    current, target, keyGroups, lower, upper, aligned, changed
        "'already divides',                           true,  4,  5,   120, 1, 120, 5,  false",
        "'searches upward for a scale-up',            true,  4,  6,   128, 1, 128, 8,  true",
        "'8 → 12 becomes 16 with 128 key groups',     true,  8,  12,  128, 1, 128, 16, true",
        "'falls back below the target, still up',     true,  4,  7,   120, 1, 7,   6,  true",
        "'unaligned when nothing in range divides',   true,  4,  7,   128, 1, 7,   7,  false",
        "'stays unaligned rather than not going up',  true,  2,  3,   128, 1, 3,   3,  false",
        "'searches downward for a scale-down',        false, 8,  5,   128, 1, 128, 4,  true",
        "'falls back above the target, still down',   false, 16, 7,   120, 7, 120, 8,  true",
        "'unaligned rather than not going down',      false, 16, 10,  128, 9, 128, 10, false",
        "'down to a divisor of 90',                   false, 6,  4,   90,  1, 90,  3,  true",
        "'down search respects minParallelism',       false, 8,  3,   128, 3, 128, 4,  true",
    })
    void alignsInTheDirectionOfTheDecision(
            String scenario,
            boolean up,
            int current,
            int target,
            int keyGroups,
            int lower,
            int upper,
            int aligned,
            boolean changed) {
        KeyGroupAlignment.Aligned result = KeyGroupAlignment.align("v", up, current, target, keyGroups, lower, upper);

        assertThat(result.target()).as(scenario).isEqualTo(aligned);
        assertThat(result.reason().filter(r -> r instanceof Reason.Aligned).isPresent())
                .as(scenario + ": reported as aligned")
                .isEqualTo(changed);
    }

    @Test
    void reportsWhenItCannotAlign() {
        KeyGroupAlignment.Aligned result = KeyGroupAlignment.align("counter", true, 2, 3, 128, 1, 3);

        assertThat(result.reason())
                .get()
                .extracting(Reason::text)
                .isEqualTo("counter: 3 not aligned to key groups (no parallelism from 3 to 3 divides 128 key groups)");
    }

    @Test
    void saysHowManyKeyGroupsEachSubtaskGets() {
        assertThat(KeyGroupAlignment.align("counter", true, 4, 6, 128, 1, 128).reason())
                .get()
                .extracting(Reason::text)
                .isEqualTo("counter: 6 → 8 so that its 128 key groups spread evenly (16 per subtask)");
    }

    @Test
    void neverInvertsOrCancelsTheDirection() {
        for (int keyGroups : new int[] {1, 7, 60, 90, 128, 360, 1000}) {
            for (int current = 1; current <= 40; current++) {
                for (int target = 1; target <= 50; target++) {
                    if (target == current || target > keyGroups) {
                        continue;
                    }
                    boolean up = target > current;
                    int upper = Math.max(target, Math.min(keyGroups, 45));
                    int result = KeyGroupAlignment.align("v", up, current, target, keyGroups, 1, upper)
                            .target();
                    assertThat(up ? result > current : result < current)
                            .as("%d → %d with %d key groups gave %d", current, target, keyGroups, result)
                            .isTrue();
                    assertThat(result).isBetween(1, upper);
                }
            }
        }
    }
}
