package io.followup.callbacks.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The benchmark's tables: the median of every measure over the interleaved runs of a variant (with the throughput's
 * minimum and maximum), the ratios the targets are about, and every single run.
 */
final class BenchTable {

    /** Measures whose median is shown. */
    private static final List<String> MEDIAN = List.of("perSecond", "p50Ms", "p95Ms", "p99Ms", "cpuMsPerFollowUp",
            "emulatorCpuMsPerFollowUp", "callsPerFollowUp", "tokenPerFollowUp", "listPerFollowUp",
            "createPerFollowUp", "updatePerFollowUp", "peakHeapMb", "retainedHeapMb", "heapWithoutEmulationMb",
            "peakRssMb", "ioWaitPct", "machineBusyPct", "wallSeconds", "runtimeRowsPerFollowUp",
            "historyRowsPerFollowUp");
    /** Checks whose worst value is shown. */
    private static final List<String> WORST = List.of("lost", "bookedTwice", "incidents", "answered429");

    private BenchTable() {
    }

    /** One row per database, size and variant: medians over its runs, in the order first run. */
    static List<Map<String, String>> medians(List<Map<String, String>> results) {
        Map<String, List<Map<String, String>>> groups = results.stream().collect(Collectors.groupingBy(
                r -> r.get("db") + "|" + r.get("count") + "|" + r.get("label"), LinkedHashMap::new,
                Collectors.toList()));
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<Map<String, String>> runs : groups.values()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String key : List.of("db", "count", "variant", "latencyMs", "arrivalRate", "label")) {
                row.put(key, runs.get(0).get(key));
            }
            row.put("runs", Integer.toString(runs.size()));
            for (String measure : MEDIAN) {
                List<Double> values = numbers(runs, measure);
                if (!values.isEmpty()) {
                    int middle = values.size() / 2;
                    row.put(measure, format(values.size() % 2 == 1 ? values.get(middle)
                            : (values.get(middle - 1) + values.get(middle)) / 2)); // even: mean of the middle two
                    row.put(measure + "Min", format(values.get(0)));
                    row.put(measure + "Max", format(values.get(values.size() - 1)));
                }
            }
            for (String check : WORST) {
                List<Double> values = numbers(runs, check);
                row.put(check, values.isEmpty() ? "n/a" : format(values.get(values.size() - 1)));
            }
            rows.add(row);
        }
        return rows;
    }

    static String markdown(List<Map<String, String>> results, Map<String, String> options, List<String> properties,
            long began) {
        List<Map<String, String>> rows = medians(results);
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; ").append(results.size()).append(" runs in ")
                .append(Duration.ofMillis(System.currentTimeMillis() - began).toMinutes()).append(" min; each a fresh "
                + "JVM and a fresh database, variants interleaved, ").append(options.get("repeat"))
                .append(" rounds; warm-up ").append(options.get("warmup"))
                .append(" follow-ups per run (excluded); JVM ").append(options.get("jvm")).append("; settings ")
                .append(String.join(" ", properties)).append("\n\nDatabases: ")
                .append(results.stream().map(r -> r.get("db") + ": " + r.get("database")).distinct()
                        .collect(Collectors.joining("; "))).append("\n\n");
        md.append("Medians over the runs (booked/s: median, min-max). Talkdesk calls per follow-up from the "
                + "emulation's request log: list + create + update, token fetches apart. Heap: after a full GC at "
                + "the end, without the emulation's own callbacks.\n\n");
        md.append("| db | follow-ups | variant | runs | booked/s | p50 ms | p95 ms | CPU ms per follow-up | "
                + "API calls per follow-up | token calls per follow-up | heap after GC MB | I/O wait % | lost | "
                + "booked twice | incidents |\n| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                + "| ---: | ---: | ---: | ---: | ---: |\n");
        for (Map<String, String> r : rows) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s (%s-%s) | %s | %s | %s | %s | %s | %s "
                    + "| %s | %s | %s | %s |%n", r.get("db"), r.get("count"), r.get("label"), r.get("runs"),
                    r.get("perSecond"), r.get("perSecondMin"), r.get("perSecondMax"), r.get("p50Ms"), r.get("p95Ms"),
                    r.get("cpuMsPerFollowUp"), r.get("callsPerFollowUp"), r.getOrDefault("tokenPerFollowUp", "0"),
                    r.get("heapWithoutEmulationMb"), r.get("ioWaitPct"), r.get("lost"), r.get("bookedTwice"),
                    r.get("incidents")));
        }
        md.append("\nTargets, from the medians above (a ceiling slower than the plugin is a disturbed run, not a "
                + "ratio):\n\n| db | follow-ups | Talkdesk calls per booking, plugin vs http-connector (<= 2) | "
                + "plugin / ceiling, 0 ms (>= 0.85) | plugin / http-connector, 20 ms (>= 1.2) | CPU per follow-up, "
                + "plugin / http-connector, 20 ms (<= 1.0) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        rows.stream().filter(r -> !r.get("label").contains("steady")).map(r -> r.get("db") + "|" + r.get("count"))
                .distinct().forEach(group -> {
                    String[] key = group.split("\\|");
                    Optional<Map<String, String>> ceiling = find(rows, key, "ceiling", 0);
                    Optional<Map<String, String>> ours0 = find(rows, key, "ours", 0);
                    Optional<Map<String, String>> ours20 = find(rows, key, "ours", 20);
                    Optional<Map<String, String>> http20 = find(rows, key, "http", 20);
                    String againstCeiling = ceiling.isPresent() && ours0.isPresent()
                            && value(ceiling, "perSecond") < value(ours0, "perSecond")
                            ? String.format(Locale.ROOT, "disturbed (ceiling %s/s below plugin %s/s)",
                                    ceiling.get().get("perSecond"), ours0.get().get("perSecond"))
                            : ratio(ours0, ceiling, "perSecond");
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s vs %s | %s | %s | %s |%n", key[0], key[1],
                            text(ours0.or(() -> ours20), "callsPerFollowUp"), text(http20, "callsPerFollowUp"),
                            againstCeiling, ratio(ours20, http20, "perSecond"),
                            ratio(ours20, http20, "cpuMsPerFollowUp")));
                });
        List<Map<String, String>> steady = rows.stream().filter(r -> r.get("label").contains("steady")).toList();
        if (!steady.isEmpty()) {
            md.append("\nSteady arrivals (start-to-booked, no backlog; target: the plugin's p95 at most the "
                    + "http-connector model's):\n\n| db | follow-ups | variant | runs | arrivals/s | booked/s | "
                    + "p50 ms | p95 ms | p99 ms | CPU ms per follow-up |\n| --- | ---: | --- | ---: | ---: | ---: | "
                    + "---: | ---: | ---: | ---: |\n");
            for (Map<String, String> r : steady) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        r.get("db"), r.get("count"), r.get("label"), r.get("runs"), r.get("arrivalRate"),
                        r.get("perSecond"), r.get("p50Ms"), r.get("p95Ms"), r.get("p99Ms"),
                        r.get("cpuMsPerFollowUp")));
            }
        }
        md.append("\nRows the engine keeps per follow-up (from the tables' row counts before and after the measured "
                + "part, median run; a job's row is deleted again, its history is not kept at this history level):"
                + "\n\n| db | follow-ups | variant | runtime rows | history rows | by table |\n| --- | ---: | --- "
                + "| ---: | ---: | --- |\n");
        for (Map<String, String> r : rows) {
            if (r.get("label").contains("steady")) {
                continue;
            }
            String byTable = results.stream().filter(run -> run.get("db").equals(r.get("db"))
                    && run.get("count").equals(r.get("count")) && run.get("label").equals(r.get("label")))
                    .findFirst().map(run -> run.entrySet().stream().filter(e -> e.getKey().startsWith("rows_"))
                            .map(e -> e.getKey().substring(5) + " " + e.getValue())
                            .collect(Collectors.joining(", ")))
                    .orElse("");
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", r.get("db"), r.get("count"),
                    r.get("label"), r.get("runtimeRowsPerFollowUp"), r.get("historyRowsPerFollowUp"), byTable));
        }
        md.append("\nEvery run:\n\n| db | follow-ups | round | variant | booked/s | p95 ms | CPU ms per follow-up | "
                + "API calls per follow-up | heap after GC MB | machine busy % | I/O wait % | seconds |\n"
                + "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Map<String, String> r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.get("db"), r.get("count"), r.get("round"), r.get("label"), r.get("perSecond"), r.get("p95Ms"),
                    r.get("cpuMsPerFollowUp"), r.get("callsPerFollowUp"), r.get("heapWithoutEmulationMb"),
                    r.get("machineBusyPct"), r.get("ioWaitPct"), r.get("wallSeconds")));
        }
        return md.toString();
    }

    private static Optional<Map<String, String>> find(List<Map<String, String>> rows, String[] key, String variant,
            int latency) {
        return rows.stream().filter(r -> r.get("db").equals(key[0]) && r.get("count").equals(key[1])
                && r.get("variant").equals(variant) && r.get("latencyMs").equals(Integer.toString(latency))
                && !r.get("label").contains("limited") && !r.get("label").contains("steady")).findFirst();
    }

    private static String ratio(Optional<Map<String, String>> ours, Optional<Map<String, String>> other,
            String measure) {
        if (ours.isEmpty() || other.isEmpty()) {
            return "not run";
        }
        return String.format(Locale.ROOT, "%.2f", value(ours, measure) / value(other, measure));
    }

    private static double value(Optional<Map<String, String>> row, String measure) {
        return Double.parseDouble(row.orElseThrow().get(measure));
    }

    private static String text(Optional<Map<String, String>> row, String measure) {
        return row.map(r -> r.get(measure)).orElse("not run");
    }

    private static List<Double> numbers(List<Map<String, String>> runs, String measure) {
        return runs.stream().map(r -> r.get(measure)).filter(Objects::nonNull).map(Double::parseDouble).sorted()
                .collect(Collectors.toList());
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
