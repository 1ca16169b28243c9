package io.followup.callbacks.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark: for each database and size, runs our plugin (Talkdesk sandbox at 0 and 20 ms), the engine's
 * ceiling (same model, no-op Talkdesk delegates) and the http-connector way (0 and 20 ms), each in a fresh JVM and a
 * fresh database with a warm-up excluded from the numbers, in interleaved rounds (ceiling, ours, http, ceiling, ...),
 * and writes {@code target/bench/results.json}, {@code results.md} (medians with min and max, the targets, every
 * run) and {@code throughput.svg}.
 *
 * <p>{@code mvn -Pbench verify -pl talkdesk-callbacks-bench -am} runs everything; {@code -Dbench.args="--sizes=1000 --dbs=h2"} runs a part. Other
 * options: {@code --dbs=h2,postgres,postgres-fast} (the last with {@code synchronous_commit=off}),
 * {@code --repeat=3} (rounds), {@code --scenarios=ceiling@0,ours@0,http@0,ours@20,http@20} (variant@latency ms;
 * {@code ours@20/40} starts the measured follow-ups at a steady 40 per second instead of all at once),
 * {@code --variants=ceiling,ours,http}, {@code --rate-limit=N} (adds a run of the plugin against a sandbox limited
 * to N API calls per second, with the client at 90 %), {@code --warmup=N}, {@code --jfr=true} (a JFR profile of
 * every run next to its log), {@code --jvm=-Xmx1g} (JVM options of
 * every run, separated by ";"), and any {@code --camunda...=}/{@code --talkdesk...=}/{@code --spring...=} property,
 * passed to every run (replacing the default of the same name).
 */
public final class Benchmark {

    private static final Path OUT = Path.of("target", "bench");
    private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[-0-9.]+)");

    private Benchmark() {
    }

    /**
     * A variant at a latency; {@code arrivalRate} > 0 starts the measured follow-ups at that steady rate per second
     * instead of all at once (written {@code variant@latency/rate}, e.g. {@code ours@20/40}).
     */
    record Scenario(String variant, int latencyMs, int rateLimit, int arrivalRate) {
        Scenario(String variant, int latencyMs) {
            this(variant, latencyMs, 0, 0);
        }

        static Scenario parse(String text) {
            String[] parts = text.split("[@/]");
            return new Scenario(parts[0], Integer.parseInt(parts[1]), 0,
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        }

        List<String> properties() {
            List<String> properties = new ArrayList<>();
            if (rateLimit > 0) {
                // the client paces at 90% of the server's limit: a fixed-window server sees bursts from jitter
                properties.addAll(List.of("--talkdesk.sandbox.rate-limit=" + rateLimit,
                        "--talkdesk.api.rate-limit=" + rateLimit * 0.9));
            }
            if (arrivalRate > 0) {
                properties.add(BenchScenario.ARRIVAL_RATE + arrivalRate);
            }
            return properties;
        }

        String label() {
            if (rateLimit > 0) {
                return "plugin, API limited to " + rateLimit + "/s (client at 90%)";
            }
            String label = switch (variant) {
                case "ours" -> "plugin, " + latencyMs + " ms";
                case "ceiling" -> "engine ceiling (no-op)";
                default -> "http-connector, " + latencyMs + " ms";
            };
            return arrivalRate > 0 ? label + ", " + arrivalRate + "/s steady" : label;
        }

        String fileName() {
            return variant + "-" + latencyMs + (rateLimit > 0 ? "-limited" + rateLimit : "")
                    + (arrivalRate > 0 ? "-steady" + arrivalRate : "");
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>(Map.of("sizes", "1000,10000", "dbs", "h2,postgres,postgres-fast",
                "warmup", "1000", "jvm", "-Xmx1g", "variants", "ceiling,ours,http", "rate-limit", "0",
                "repeat", "3", "jfr", "false", "scenarios", "ceiling@0,ours@0,http@0,ours@20,http@20"));
        List<String> properties = new ArrayList<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (options.containsKey(pair[0])) {
                options.put(pair[0], pair[1]);
            } else if (!arg.isBlank()) {
                properties.add(arg);
            }
        }
        List<String> given = properties.stream().map(p -> p.split("=", 2)[0]).toList();
        properties.addAll(0, tuning().stream().filter(t -> !given.contains(t.split("=", 2)[0])).toList()); // given wins
        List<String> variants = List.of(options.get("variants").split(","));
        List<Scenario> scenarios = new ArrayList<>();
        for (String scenario : options.get("scenarios").split(",")) {
            Scenario parsed = Scenario.parse(scenario);
            if (variants.contains(parsed.variant())) {
                scenarios.add(parsed);
            }
        }
        int rateLimit = Integer.parseInt(options.get("rate-limit"));
        if (rateLimit > 0) {
            scenarios.add(new Scenario("ours", 0, rateLimit, 0));
        }
        int repeat = Integer.parseInt(options.get("repeat"));
        Files.createDirectories(OUT);
        long began = System.currentTimeMillis();
        List<Map<String, String>> results = new ArrayList<>();
        for (String db : options.get("dbs").split(",")) {
            for (String size : options.get("sizes").split(",")) {
                for (int round = 1; round <= repeat; round++) { // interleaved: ceiling, ours, http, ceiling, ...
                    for (Scenario scenario : scenarios) {
                        Map<String, String> result = runChild(db, scenario, size, round, options, properties);
                        result.put("label", scenario.label());
                        result.put("round", Integer.toString(round));
                        results.add(result);
                        System.out.printf(Locale.ROOT, "%-13s %6s #%d %-24s %8s/s  p95 %6s ms  cpu %5s ms  calls %s"
                                + "  heap %4s MB  lost %s  twice %s  incidents %s  iowait %s%%  %ss%n", db, size,
                                round, scenario.label(), result.get("perSecond"), result.get("p95Ms"),
                                result.get("cpuMsPerFollowUp"), result.get("callsPerFollowUp"),
                                result.get("heapWithoutEmulationMb"), result.get("lost"),
                                result.getOrDefault("bookedTwice", "-"), result.get("incidents"),
                                result.get("ioWaitPct"), result.get("wallSeconds"));
                        write(results, options, properties, began);
                    }
                }
            }
        }
        System.out.println(write(results, options, properties, began));
        System.out.println("written: " + OUT.toAbsolutePath() + "/results.md, results.json, throughput.svg");
    }

    /** Writes what has been measured so far, so an interrupted full run still leaves its results. */
    private static String write(List<Map<String, String>> results, Map<String, String> options,
            List<String> properties, long began) throws IOException {
        String table = BenchTable.markdown(results, options, properties, began);
        Files.writeString(OUT.resolve("results.md"), table);
        Files.writeString(OUT.resolve("results.json"), results.stream().map(r -> BenchScenario.json(
                new LinkedHashMap<>(r))).reduce((a, b) -> a + ",\n" + b).map(s -> "[\n" + s + "\n]\n").orElse("[]"));
        Files.writeString(OUT.resolve("throughput.svg"), BenchChart.svg(BenchTable.medians(results)));
        return table;
    }

    /** The settings every run uses (docs/performance.md says why). */
    static List<String> tuning() {
        return List.of(
                "--camunda.bpm.job-execution.core-pool-size=24",
                "--camunda.bpm.job-execution.max-pool-size=24",
                "--camunda.bpm.job-execution.queue-capacity=48",
                "--camunda.bpm.job-execution.max-jobs-per-acquisition=24",
                "--camunda.bpm.job-execution.wait-time-in-millis=50",
                "--camunda.bpm.job-execution.max-wait=500",
                "--spring.datasource.hikari.maximum-pool-size=40");
    }

    private static Map<String, String> runChild(String db, Scenario scenario, String size, int round,
            Map<String, String> options, List<String> properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(options.get("jvm").split("[ ;]"))); // ";" separates JVM options inside -Dbench.args
        String name = db + "-" + size + "-" + scenario.fileName() + "-" + round;
        if (Boolean.parseBoolean(options.get("jfr"))) {
            command.addAll(List.of("-XX:FlightRecorderOptions=stackdepth=256",
                    "-XX:StartFlightRecording=settings=profile,filename=" + OUT.resolve(name + ".jfr")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchScenario.class.getName(), db,
                scenario.variant(), Integer.toString(scenario.latencyMs()), size, options.get("warmup")));
        command.addAll(properties);
        command.addAll(scenario.properties());
        Path log = OUT.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String resultLine = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); var writer = Files.newBufferedWriter(log)) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                writer.write(line);
                writer.newLine();
                writer.flush(); // a run that hangs still shows how far it got
                if (line.startsWith("BENCH-RESULT ")) {
                    resultLine = line.substring("BENCH-RESULT ".length());
                }
            }
        }
        if (process.waitFor() != 0 || resultLine == null) {
            throw new IllegalStateException("run " + db + "/" + size + "/" + scenario + " failed; see " + log);
        }
        Map<String, String> result = new LinkedHashMap<>();
        Matcher matcher = NUMBER.matcher(resultLine);
        while (matcher.find()) {
            result.put(matcher.group(1), matcher.group(2).replace("\"", ""));
        }
        return result;
    }
}
