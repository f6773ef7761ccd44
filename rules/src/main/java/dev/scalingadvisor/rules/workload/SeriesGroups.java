package dev.scalingadvisor.rules.workload;

import dev.scalingadvisor.rules.query.SeriesLabels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Series grouped as PromQL's {@code by (…)} groups them, for the statistics a replay aggregates itself. */
final class SeriesGroups {

    private SeriesGroups() {}

    /**
     * The indexes of {@code series} per group, the groups in the order of their first series. A group's key holds the
     * {@code grouping} labels a series has: PromQL's {@code by} leaves out a label a series lacks (its value is "").
     */
    static Map<Map<String, String>, int[]> by(List<SeriesLabels> series, String... grouping) {
        Map<Map<String, String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < series.size(); i++) {
            Map<String, String> key = new HashMap<>();
            for (String label : grouping) {
                String value = series.get(i).valueOrNull(label);
                if (value != null) {
                    key.put(label, value);
                }
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        Map<Map<String, String>, int[]> indexes = new LinkedHashMap<>();
        groups.forEach((key, members) ->
                indexes.put(key, members.stream().mapToInt(Integer::intValue).toArray()));
        return indexes;
    }
}
