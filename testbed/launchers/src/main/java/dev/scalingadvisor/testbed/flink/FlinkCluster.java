package dev.scalingadvisor.testbed.flink;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalingadvisor.testbed.process.ChildProcess;
import dev.scalingadvisor.testbed.process.HttpReadiness;
import dev.scalingadvisor.testbed.process.LoopbackPorts;
import dev.scalingadvisor.testbed.process.ProcessSpec;
import dev.scalingadvisor.testbed.process.ProcessStartException;
import dev.scalingadvisor.testbed.process.TempDirs;
import dev.scalingadvisor.testbed.prometheus.ScrapeTargetSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A real Flink session cluster built from Maven Central jars: one JobManager and N TaskManagers, each its own JVM,
 * REST and every Prometheus reporter on free 127.0.0.1 ports, checkpoints and savepoints in a temp dir.
 *
 * <pre>{@code
 * try (FlinkCluster cluster = FlinkCluster.start(FlinkClusterOptions.defaults().withTaskManagers(2))) {
 *     prometheus.scrape(cluster);                     // follows TaskManagers as they come and go
 *     String jobId = LoadJob.submit(cluster, LoadJobOptions.defaults()).jobId();
 *     cluster.addTaskManager();
 * }
 * }</pre>
 */
public final class FlinkCluster implements AutoCloseable, ScrapeTargetSource {

    /** Starting JVMs on two busy cores is slow; Flink alone needs about 10 s for REST and 10 s per TaskManager. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final FlinkClusterOptions options;
    private final Path dir;
    private final int restPort;
    private final FlinkCommands commands;
    private final ReporterProcess jobManager;
    private final List<ReporterProcess> taskManagers = new CopyOnWriteArrayList<>();
    private final List<Runnable> targetListeners = new CopyOnWriteArrayList<>();
    private final Map<String, String> uploadedJars = new LinkedHashMap<>();

    private FlinkCluster(FlinkClusterOptions options) {
        this.options = options;
        this.dir = TempDirs.create("flink");
        this.restPort = LoopbackPorts.free();
        Path confDir = dir.resolve("conf");
        FlinkConfigFiles.write(confDir, dir, options, restPort, LoopbackPorts.free());
        this.commands = new FlinkCommands(TestbedBuild.flinkLib(), confDir);
        int reporterPort = LoopbackPorts.free();
        this.jobManager = new ReporterProcess(
                ChildProcess.start(
                        spec("jobmanager", commands.jobManager(List.of("metrics.reporter.prom.port=" + reporterPort)))),
                reporterPort);
    }

    /** Starts the cluster and waits until REST answers and every TaskManager has registered. */
    public static FlinkCluster start(FlinkClusterOptions options) {
        FlinkCluster cluster = new FlinkCluster(options);
        try {
            for (int i = 0; i < options.taskManagers(); i++) {
                cluster.startTaskManager();
            }
            cluster.jobManager
                    .process()
                    .awaitReady(
                            "REST answering on " + cluster.restUrl(),
                            STARTUP_TIMEOUT,
                            HttpReadiness.answersOk(cluster.restUrl() + "/overview"));
            cluster.awaitRegistered(cluster.taskManagerIds(), STARTUP_TIMEOUT);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** E.g. {@code http://127.0.0.1:38123}; the REST API. */
    public String restUrl() {
        return "http://" + LoopbackPorts.hostPort(restPort);
    }

    /** The web UI; Flink serves it from the same address as the REST API. */
    public String webUrl() {
        return restUrl() + "/";
    }

    public FlinkRest rest() {
        return new FlinkRest(restUrl());
    }

    public FlinkClusterOptions options() {
        return options;
    }

    /** {@code host:port} of the Prometheus reporter of the JobManager and of every running TaskManager. */
    public List<String> reporterTargets() {
        List<String> targets = new ArrayList<>();
        targets.add(jobManager.target());
        taskManagers.stream()
                .filter(tm -> tm.process().isAlive())
                .map(ReporterProcess::target)
                .forEach(targets::add);
        return targets;
    }

    @Override
    public String scrapeJob() {
        return "flink";
    }

    @Override
    public List<String> scrapeTargets() {
        return reporterTargets();
    }

    @Override
    public void onScrapeTargetsChanged(Runnable listener) {
        targetListeners.add(listener);
    }

    /** Starts one more TaskManager and waits until it has registered; returns its index for stop/kill. */
    public int addTaskManager() {
        int index = startTaskManager();
        awaitRegistered(List.of(taskManagerId(index)), STARTUP_TIMEOUT);
        return index;
    }

    /** Stops TaskManager {@code index} gracefully (SIGTERM); its slots disappear from the cluster. */
    public void stopTaskManager(int index) {
        taskManager(index).process().stop();
        targetsChanged();
    }

    /** SIGKILLs TaskManager {@code index}, like a lost machine; the JobManager notices after a heartbeat timeout. */
    public void killTaskManager(int index) {
        taskManager(index).process().kill();
        targetsChanged();
    }

    /** {@code taskmanager.resource-id} of TaskManager {@code index}; the {@code tm_id} label is this id sanitised. */
    public static String taskManagerId(int index) {
        return "tm-" + index;
    }

    /** Ids of the TaskManager processes still running (registered or about to). */
    public List<String> taskManagerIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < taskManagers.size(); i++) {
            if (taskManagers.get(i).process().isAlive()) {
                ids.add(taskManagerId(i));
            }
        }
        return ids;
    }

    /** Waits until the JobManager lists exactly {@code count} TaskManagers (e.g. after a kill was noticed). */
    public void awaitTaskManagerCount(int count, Duration timeout) {
        FlinkRest.await(
                timeout,
                count + " TaskManagers registered at " + restUrl(),
                () -> rest().get("/taskmanagers").path("taskmanagers").size() == count);
    }

    /** Slots registered and not in use, as the JobManager sees them. */
    public int freeSlots() {
        return rest().get("/overview").path("slots-available").asInt();
    }

    public Path dir() {
        return dir;
    }

    public Path savepointDir() {
        return dir.resolve("savepoints");
    }

    public Path checkpointDir() {
        return dir.resolve("checkpoints");
    }

    /** Log file of every process ever started in this cluster, by process name ({@code jobmanager}, {@code taskmanager-0} …). */
    public Map<String, Path> logs() {
        Map<String, Path> logs = new LinkedHashMap<>();
        logs.put(jobManager.process().name(), jobManager.process().logFile());
        taskManagers.forEach(tm -> logs.put(tm.process().name(), tm.process().logFile()));
        return logs;
    }

    /** The end of every process's log, for failure messages. */
    public String logExcerpts() {
        List<ChildProcess> all = new ArrayList<>();
        all.add(jobManager.process());
        taskManagers.forEach(tm -> all.add(tm.process()));
        return all.stream().map(ChildProcess::logExcerpt).collect(Collectors.joining("\n"));
    }

    /**
     * The id under which {@code jar} was uploaded to this cluster, uploading it on first use; a cluster keeps
     * uploaded jars, so tests submit many jobs from one upload.
     */
    public synchronized String uploadedJarId(Path jar) {
        return uploadedJars.computeIfAbsent(jar.toAbsolutePath().toString(), path -> rest().uploadJar(Path.of(path)));
    }

    /** Stops every process of the cluster (in parallel) and deletes its temp dir with savepoints and logs. */
    @Override
    public void close() {
        List<Thread> stoppers = new ArrayList<>();
        for (ReporterProcess tm : taskManagers) {
            stoppers.add(startThread("stop-" + tm.process().name(), tm.process()::stop));
        }
        stoppers.add(startThread("stop-jobmanager", jobManager.process()::stop));
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        TempDirs.deleteRecursively(dir);
    }

    private static Thread startThread(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
    }

    private synchronized int startTaskManager() {
        int index = taskManagers.size();
        int reporterPort = LoopbackPorts.free();
        List<String> command = commands.taskManager(List.of(
                "taskmanager.resource-id=" + taskManagerId(index), "metrics.reporter.prom.port=" + reporterPort));
        taskManagers.add(new ReporterProcess(ChildProcess.start(spec("taskmanager-" + index, command)), reporterPort));
        targetsChanged();
        return index;
    }

    private void awaitRegistered(List<String> ids, Duration timeout) {
        Set<String> expected = new HashSet<>(ids);
        try {
            FlinkRest.await(timeout, "TaskManagers " + expected + " registered", () -> {
                for (String id : expected) {
                    ChildProcess process =
                            taskManager(Integer.parseInt(id.substring(3))).process();
                    if (!process.isAlive()) {
                        throw new ProcessStartException(process.name() + " exited with code "
                                + process.exitCode().orElse(-1) + " before registering\n" + process.logExcerpt());
                    }
                }
                Set<String> withSlots = new HashSet<>();
                int registeredSlots = 0;
                int registeredFreeSlots = 0;
                for (JsonNode tm : rest().get("/taskmanagers").path("taskmanagers")) {
                    if (tm.path("slotsNumber").asInt() == options.slotsPerTaskManager()) {
                        withSlots.add(tm.path("id").asText());
                    }
                    registeredSlots += tm.path("slotsNumber").asInt();
                    registeredFreeSlots += tm.path("freeSlots").asInt();
                }
                // A TaskManager is listed as soon as it registers, with no slots until its slot report arrives
                // (a CI run once returned with 2 of 4 slots: the new TaskManager was listed with 0). Its slots
                // then count in /overview, and there as free a moment after they count as slots at all (seen on
                // a busy machine: 4 slots, 2 free, for a TaskManager whose 2 slots were free). Callers
                // (freeSlots(), submissions) need the slots, free.
                JsonNode overview = rest().get("/overview");
                return withSlots.containsAll(expected)
                        && overview.path("slots-total").asInt() == registeredSlots
                        && overview.path("slots-available").asInt() == registeredFreeSlots;
            });
        } catch (AssertionError e) {
            throw new ProcessStartException(e.getMessage() + "\n" + logExcerpts(), e);
        }
    }

    private ReporterProcess taskManager(int index) {
        if (index < 0 || index >= taskManagers.size()) {
            throw new IllegalArgumentException(
                    "no TaskManager " + index + "; this cluster has started " + taskManagers.size());
        }
        return taskManagers.get(index);
    }

    private ProcessSpec spec(String name, List<String> command) {
        return ProcessSpec.of(name, dir, command)
                .withLogFile(dir.resolve("log").resolve(name + ".log"))
                .withStopGrace(Duration.ofSeconds(20));
    }

    private void targetsChanged() {
        targetListeners.forEach(Runnable::run);
    }

    @Override
    public String toString() {
        return "FlinkCluster[" + restUrl() + ", " + taskManagerIds() + "]";
    }

    /** A Flink process and the port of its Prometheus reporter. */
    private record ReporterProcess(ChildProcess process, int reporterPort) {
        String target() {
            return LoopbackPorts.hostPort(reporterPort);
        }
    }
}
