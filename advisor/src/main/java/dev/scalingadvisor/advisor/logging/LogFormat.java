package dev.scalingadvisor.advisor.logging;

import java.util.Map;

/**
 * Chooses the log format from {@code LOG_FORMAT} before logback starts: readable lines by default, one
 * JSON object per line with {@code LOG_FORMAT=json}. Must run before the first logger is created.
 */
public final class LogFormat {

    private LogFormat() {}

    public static void selectFrom(Map<String, String> environment) {
        if (System.getProperty("logback.configurationFile") != null) {
            return; // an explicit choice by the operator wins
        }
        if ("json".equalsIgnoreCase(environment.getOrDefault("LOG_FORMAT", ""))) {
            System.setProperty("logback.configurationFile", "logback-json.xml");
        }
    }
}
