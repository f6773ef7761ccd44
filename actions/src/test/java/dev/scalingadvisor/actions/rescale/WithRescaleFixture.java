package dev.scalingadvisor.actions.rescale;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose every test gets a fresh {@link RescaleFixture} in its own temporary directory, closed after it
 * (fake Flink server and journal database included). A subclass's own {@code @BeforeEach} runs after this one.
 */
abstract class WithRescaleFixture {

    @TempDir
    Path dir;

    RescaleFixture f;

    @BeforeEach
    void startFixture() {
        f = new RescaleFixture(dir);
    }

    @AfterEach
    void closeFixture() throws Exception {
        f.close();
    }
}
