package dev.scalingadvisor.core.outcome;

/**
 * How urgently people should look at an event: {@code info} tells, {@code warning} asks for attention,
 * {@code critical} means a job may be stopped or in an unknown state. Alertmanager's {@code severity} label.
 */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
