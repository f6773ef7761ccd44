package dev.scalingadvisor.testbed.flink;

/** One vertex of a running job as the REST API shows it; {@code id} is also the {@code task_id} metric label. */
public record JobVertex(String id, String name, int parallelism, String status) {}
