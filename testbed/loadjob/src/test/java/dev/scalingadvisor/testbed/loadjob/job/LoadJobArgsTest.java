package dev.scalingadvisor.testbed.loadjob.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LoadJobArgsTest {

    @Test
    void readsNamedArgumentsWithDefaultsForTheRest() {
        LoadJobArgs args = LoadJobArgs.parse(
                new String[] {"--control-dir", "/tmp/x", "--job-name", "orders-v2", "--hot-key-fraction", "0.3"});

        assertThat(args.controlDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(args.jobName()).isEqualTo("orders-v2");
        assertThat(args.hotKeyFraction()).isEqualTo(0.3);
        assertThat(args.keys()).isEqualTo(1000);
        assertThat(args.workMicros()).isEqualTo(500);
        assertThat(args.sourceAsFastAsItCan()).isFalse();
    }

    @Test
    void readsTheSourceAndRejectsAnUnknownOne() {
        assertThat(LoadJobArgs.parse(new String[] {"--control-dir", "/x", "--source", "as-fast-as-it-can"})
                        .sourceAsFastAsItCan())
                .isTrue();
        assertThatThrownBy(() -> LoadJobArgs.parse(new String[] {"--control-dir", "/x", "--source", "kafka"}))
                .hasMessageContaining("--source must be produced or as-fast-as-it-can, not kafka");
    }

    @Test
    void rejectsAMissingControlDirAndOutOfRangeValues() {
        assertThatThrownBy(() -> LoadJobArgs.parse(new String[] {"--keys", "3"}))
                .hasMessageContaining("--control-dir");
        assertThatThrownBy(() -> LoadJobArgs.parse(new String[] {"--control-dir", "/x", "--cpu-share", "2"}))
                .hasMessageContaining("--cpu-share");
    }
}
