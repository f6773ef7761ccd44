package dev.scalingadvisor.rules.workload;

import dev.scalingadvisor.rules.query.JobLabels;
import dev.scalingadvisor.rules.query.SeriesLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * The per-subtask busy-time series matched by host to the per-host CPU load of {@link WorkloadQueries#hostCpuQuery()},
 * grouped by job, from which {@link #at} computes the {@code host_cpu_min} a replay does not ask Prometheus. A replay
 * asks the same series for a whole chunk of steps: matching them once, by their labels, leaves each step only numbers
 * to compare.
 */
public final class LeastLoadedHosts {

    private final List<JobHosts> jobs = new ArrayList<>();

    /**
     * One job: the labels of its {@code host_cpu_min}, and for each of its busy-time series (by index) the host CPU
     * series of its host (by index; -1 when there is none).
     */
    private record JobHosts(SeriesLabels statistic, int[] busySeries, int[] hostSeries) {}

    LeastLoadedHosts(List<SeriesLabels> busySeries, List<SeriesLabels> hostCpuSeries, JobLabels labels) {
        // PromQL's on (host) matches a series without the label to one without it: both are host "".
        Map<String, Integer> hostIndex = new HashMap<>();
        for (int i = 0; i < hostCpuSeries.size(); i++) {
            hostIndex.put(host(hostCpuSeries.get(i)), i);
        }
        Map<Map<String, String>, int[]> byJob = SeriesGroups.by(busySeries, labels.jobId(), labels.jobName());
        byJob.forEach((key, series) -> {
            int[] hosts = new int[series.length];
            for (int k = 0; k < series.length; k++) {
                hosts[k] = hostIndex.getOrDefault(host(busySeries.get(series[k])), -1);
            }
            Map<String, String> statistic = new HashMap<>(key);
            statistic.put(WorkloadQueries.STAT_LABEL, WorkloadQueries.Statistic.HOST_CPU_MIN.label());
            jobs.add(new JobHosts(SeriesLabels.of(statistic), series, hosts));
        });
    }

    private static String host(SeriesLabels series) {
        String host = series.valueOrNull(WorkloadQueries.HOST);
        return host == null ? "" : host;
    }

    /** The labels of the {@code host_cpu_min} of each job {@link #at} computes, in its order. */
    public List<SeriesLabels> statisticLabels() {
        return jobs.stream().map(JobHosts::statistic).toList();
    }

    /**
     * What the {@code host_cpu_min} part of {@link WorkloadQueries#jobQuery()} answers at one instant, in the order
     * of {@link #statisticLabels()}, NaN where PromQL answers no series: per job, the lowest CPU load of a host with
     * one of the job's busy-time series and a CPU load at that instant, as PromQL's {@code min} takes it. The join's
     * product is the host's load itself: {@code group by} values its series 1, and x * 1 is x in floating point,
     * NaN and infinities included.
     *
     * @param busyPresent whether the busy-time series of that index has a sample at the instant
     * @param hostPresent whether the host CPU series of that index has one
     * @param hostCpu     its value
     */
    public double[] at(IntPredicate busyPresent, IntPredicate hostPresent, IntToDoubleFunction hostCpu) {
        double[] lowest = new double[jobs.size()];
        for (int j = 0; j < jobs.size(); j++) {
            JobHosts job = jobs.get(j);
            double min = Double.NaN;
            boolean seen = false;
            for (int k = 0; k < job.busySeries().length; k++) {
                int host = job.hostSeries()[k];
                if (host < 0 || !busyPresent.test(job.busySeries()[k]) || !hostPresent.test(host)) {
                    continue;
                }
                double value = hostCpu.applyAsDouble(host);
                // Prometheus' min: the first value, replaced by a lower one or when it is NaN; so NaN only when every
                // value is NaN. The order of the series matters only between 0 and -0, which compare equal.
                if (!seen || min > value || Double.isNaN(min)) {
                    min = value;
                }
                seen = true;
            }
            lowest[j] = min;
        }
        return lowest;
    }
}
