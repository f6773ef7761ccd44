package dev.scalingadvisor.core.settings;

import java.util.List;

/**
 * Settings whose values contradict each other ({@code maxParallelism} below {@code minParallelism}), thrown by
 * a settings record's constructor. It names the keys concerned so that the reader reports the problem where
 * one of them is written, not at the start of the section.
 */
public final class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> keys;

    /** @param keys the keys concerned, the one to blame first */
    public InvalidSettingsException(String message, List<String> keys) {
        super(message);
        this.keys = List.copyOf(keys);
    }

    public List<String> keys() {
        return keys;
    }
}
