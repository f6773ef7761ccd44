package dev.scalingadvisor.testbed.flink;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The shape of a test Flink session cluster: TaskManagers and their slots, the scheduler, process memory,
 * and any extra Flink configuration entries (they override the testbed's own).
 */
public record FlinkClusterOptions(
        int taskManagers,
        int slotsPerTaskManager,
        Scheduler scheduler,
        String jobManagerProcessMemory,
        String taskManagerProcessMemory,
        Map<String, String> extraConfig) {

    public FlinkClusterOptions {
        if (taskManagers < 0 || taskManagers > 8) {
            throw new IllegalArgumentException("taskManagers must be 0..8 on this machine, not " + taskManagers);
        }
        if (slotsPerTaskManager < 1) {
            throw new IllegalArgumentException("slotsPerTaskManager must be at least 1, not " + slotsPerTaskManager);
        }
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(jobManagerProcessMemory, "jobManagerProcessMemory");
        Objects.requireNonNull(taskManagerProcessMemory, "taskManagerProcessMemory");
        extraConfig = Map.copyOf(extraConfig);
    }

    /** One TaskManager with two slots, default scheduler, JobManager 768m and TaskManagers 1024m of process memory. */
    public static FlinkClusterOptions defaults() {
        return new FlinkClusterOptions(1, 2, Scheduler.DEFAULT, "768m", "1024m", Map.of());
    }

    /**
     * One TaskManager with {@code slots} slots on the adaptive scheduler, which acts on new resource requirements 5 s
     * after a job's start or last rescale instead of its default 30 s: the in-place rescale tests' cluster. The wait
     * is only test time (the job runs meanwhile), so shortening it changes nothing that is tested.
     */
    public static FlinkClusterOptions adaptiveRescalingAfter5s(int slots) {
        return defaults()
                .withSlotsPerTaskManager(slots)
                .withScheduler(Scheduler.ADAPTIVE)
                .withConfig("jobmanager.adaptive-scheduler.scaling-interval.min", "5s");
    }

    public FlinkClusterOptions withTaskManagers(int count) {
        return new FlinkClusterOptions(
                count, slotsPerTaskManager, scheduler, jobManagerProcessMemory, taskManagerProcessMemory, extraConfig);
    }

    public FlinkClusterOptions withSlotsPerTaskManager(int slots) {
        return new FlinkClusterOptions(
                taskManagers, slots, scheduler, jobManagerProcessMemory, taskManagerProcessMemory, extraConfig);
    }

    public FlinkClusterOptions withScheduler(Scheduler value) {
        return new FlinkClusterOptions(
                taskManagers,
                slotsPerTaskManager,
                value,
                jobManagerProcessMemory,
                taskManagerProcessMemory,
                extraConfig);
    }

    public FlinkClusterOptions withTaskManagerProcessMemory(String size) {
        return new FlinkClusterOptions(
                taskManagers, slotsPerTaskManager, scheduler, jobManagerProcessMemory, size, extraConfig);
    }

    /** Adds one Flink configuration entry, e.g. {@code ("jobmanager.adaptive-scheduler.scaling-interval.min", "5s")}. */
    public FlinkClusterOptions withConfig(String key, String value) {
        Map<String, String> config = new LinkedHashMap<>(extraConfig);
        config.put(key, value);
        return new FlinkClusterOptions(
                taskManagers,
                slotsPerTaskManager,
                scheduler,
                jobManagerProcessMemory,
                taskManagerProcessMemory,
                config);
    }

    public int totalSlots() {
        return taskManagers * slotsPerTaskManager;
    }
}
