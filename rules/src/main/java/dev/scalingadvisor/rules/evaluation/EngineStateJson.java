package dev.scalingadvisor.rules.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The persisted form of {@link EngineState}: plain JSON (instants as ISO-8601 text, durations as ISO-8601
 * periods, ids as map keys), readable by people and diffable.
 */
public final class EngineStateJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EngineStateJson() {}

    public static String write(EngineState state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("engine state cannot be written as JSON", e);
        }
    }

    /**
     * @throws IllegalArgumentException when the text is not a state this version can read; the caller
     *     starts from {@link EngineState#EMPTY} (rebuilding rule timers from history) and says so
     */
    public static EngineState read(String json) {
        EngineState state;
        try {
            state = JSON.readValue(json, EngineState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the saved engine state cannot be read: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the saved engine state cannot be read: " + e.getMessage(), e);
        }
        if (state.version() != EngineState.CURRENT_VERSION) {
            throw new IllegalArgumentException("the saved engine state has format version " + state.version()
                    + "; this advisor reads version " + EngineState.CURRENT_VERSION);
        }
        return state;
    }
}
