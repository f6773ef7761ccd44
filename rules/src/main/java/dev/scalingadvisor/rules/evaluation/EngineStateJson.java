package dev.scalingadvisor.rules.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalingadvisor.core.json.Json;

/**
 * The persisted form of {@link EngineState}: plain JSON (instants as ISO-8601 text, durations as ISO-8601
 * periods, ids as map keys), readable by people and diffable.
 */
public final class EngineStateJson {

    private static final ObjectMapper JSON = Json.mapper();

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
