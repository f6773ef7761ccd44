package dev.scalingadvisor.testbed.flink;

/** Flink's job scheduler: the default one rescales only by savepoint and resubmission, the adaptive one in place. */
public enum Scheduler {
    DEFAULT("default"),
    ADAPTIVE("adaptive");

    private final String configValue;

    Scheduler(String configValue) {
        this.configValue = configValue;
    }

    /** The value of {@code jobmanager.scheduler}. */
    public String configValue() {
        return configValue;
    }
}
