package io.followup.callbacks.bench;

import io.followup.callbacks.app.CallbacksApplication;
import io.followup.callbacks.process.ShippedModel;
import io.followup.callbacks.process.SupportFollowUpProcess;
import io.followup.callbacks.process.SupportFollowUpProcess.Elements;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import io.followup.callbacks.sandbox.SandboxApi;
import io.followup.callbacks.talkdesk.TalkdeskConnection;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One benchmark run in a JVM of its own: starts the app on the given database with the Talkdesk sandbox at a fixed
 * latency, deploys the variant's model, runs the warm-up follow-ups, then the measured ones, and prints one line
 * {@code BENCH-RESULT {json}}: follow-ups booked per second, p50/p95/p99 from start to booked (the follow-up waiting
 * at "Wait for the callback"), peak heap after the warm-up, heap retained after a full GC, peak RSS, and the checks
 * (none lost, none booked twice).
 *
 * <p>Usage: {@code BenchScenario <h2|postgres> <ours|ceiling|http> <latencyMs> <count> <warmup> [--property=value...]}
 */
public final class BenchScenario {

    /** The Talkdesk emulation's rate limit, read from the arguments rather than passed to the app. */
    private static final String SERVER_RATE_LIMIT = "--talkdesk.sandbox.rate-limit=";

    /** The measured follow-ups' steady arrival rate per second (0: all at once), read from the arguments. */
    static final String ARRIVAL_RATE = "--bench.arrival-rate=";

    /**
     * Threads starting follow-ups, like the web server's threads taking webhook calls: as many as the job executor's,
     * so that starting competes for the CPU on equal terms with booking (with 4, the starters' share of 2 cores
     * capped the start rate whenever the jobs were busy, and every variant measured its starts).
     */
    private static final int STARTERS = Integer.getInteger("bench.starters", 24);

    private BenchScenario() {
    }

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Throwable failed) { // the emulation's server thread would keep a failed run's JVM alive
            failed.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void measure(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        String db = args[0];
        String variant = args[1];
        int latency = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        List<String> extra = new ArrayList<>(List.of(args).subList(5, args.length));
        int rateLimit = takeNumber(extra, SERVER_RATE_LIMIT);
        int arrivalRate = takeNumber(extra, ARRIVAL_RATE);
        BenchTalkdeskServer talkdesk = new BenchTalkdeskServer(Duration.ofMillis(latency), rateLimit);
        List<String> properties = new ArrayList<>(List.of(
                "--server.port=0",
                "--camunda.bpm.admin-user.password=bench-password",
                "--talkdesk.sandbox.enabled=false",
                "--talkdesk.expressions.extra-beans=benchNoopFindActive,benchNoopBook,benchTalkdesk",
                "--talkdesk.api.base-url=" + talkdesk.baseUrl(),
                "--talkdesk.auth.token-url=" + talkdesk.tokenUrl(),
                "--talkdesk.auth.client-id=" + BenchTalkdeskServer.CLIENT_ID,
                "--talkdesk.auth.client-secret=" + BenchTalkdeskServer.CLIENT_SECRET,
                "--talkdesk.api.log-requests=false",
                "--logging.level.io.followup.callbacks=WARN",
                "--logging.level.org.camunda=WARN",
                "--bench.variant=" + variant));
        BenchDatabase database = BenchDatabase.create(db);
        properties.addAll(database.properties());
        properties.addAll(extra);

        ConfigurableApplicationContext app = new SpringApplicationBuilder(CallbacksApplication.class, BenchBeans.class)
                .run(properties.toArray(String[]::new));
        try {
            String key = deploy(app, variant);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("db", db);
            result.put("variant", variant);
            result.put("latencyMs", latency);
            result.put("count", count);
            result.put("cores", Runtime.getRuntime().availableProcessors());
            result.put("arrivalRate", arrivalRate);
            run(app, talkdesk, key, "W", warmup, 0);
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            Map<String, Long> rowsBefore = app.getBean(ManagementService.class).getTableCount();
            result.putAll(run(app, talkdesk, key, "M", count, arrivalRate));
            result.putAll(rowsPerFollowUp(rowsBefore, app.getBean(ManagementService.class).getTableCount(), count));
            result.put("peakHeapMb", mb(ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum()));
            System.gc();
            result.put("retainedHeapMb", mb(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()));
            result.put("peakRssMb", peakRssMb());
            result.putAll(checks(app, talkdesk, variant, warmup + count));
            talkdesk.api().store().clear(); // the emulation's callbacks live in this JVM too; Talkdesk's are not ours
            System.gc();
            result.put("heapWithoutEmulationMb", mb(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()
                    .getUsed()));
            result.put("database", database.settings(app));
            result.put("wallSeconds", (System.currentTimeMillis() - jvmStart) / 1000);
            System.out.println("BENCH-RESULT " + json(result));
        } finally {
            app.close();
            talkdesk.close();
            database.close();
        }
    }

    /** The number of the argument starting with {@code prefix} (0 without one), taken out of {@code arguments}. */
    private static int takeNumber(List<String> arguments, String prefix) {
        int number = arguments.stream().filter(a -> a.startsWith(prefix)).findFirst()
                .map(a -> Integer.parseInt(a.substring(prefix.length()))).orElse(0);
        arguments.removeIf(a -> a.startsWith(prefix));
        return number;
    }

    /** Deploys the variant's model and returns its process key. */
    private static String deploy(ConfigurableApplicationContext app, String variant) throws IOException {
        RepositoryService repository = app.getBean(RepositoryService.class);
        switch (variant) {
            case "ours" -> {
                return SupportFollowUpProcess.PROCESS_KEY;
            }
            case "ceiling" -> {
                String model = new String(ShippedModel.open("support-follow-up.bpmn").readAllBytes(),
                        StandardCharsets.UTF_8)
                        .replace("id=\"support-follow-up\"", "id=\"support-follow-up-ceiling\"")
                        .replace("name=\"SupportTicketResolved\"", "name=\"BenchCeilingTicketResolved\"")
                        .replace("${findActiveCallback}", "${benchNoopFindActive}")
                        .replace("${scheduleCallback}", "${benchNoopBook}")
                        .replace("${updateCallback}", "${benchNoopBook}")
                        // as the plugin leaves them out on its own tasks (IdentityMappings), so on the stand-ins
                        .replaceAll("\\s*<camunda:(input|output)Parameter name=\"(\\w+)\">\\$\\{execution"
                                + "\\.getVariable\\('\\2'\\)}</camunda:(input|output)Parameter>", "");
                repository.createDeployment().name("bench-ceiling")
                        .addString("support-follow-up-ceiling.bpmn", model).deploy();
                return "support-follow-up-ceiling";
            }
            case "http" -> {
                repository.createDeployment().name("bench-http-connector").addString(
                        "support-follow-up-http-connector.bpmn",
                        read("bench/support-follow-up-http-connector.bpmn.xml")).deploy();
                return "support-follow-up-http-connector";
            }
            default -> throw new IllegalArgumentException("variant must be ours, ceiling or http: " + variant);
        }
    }

    /**
     * Rows the engine keeps per follow-up, by table, from the tables' row counts before and after the measured part
     * (rows written and deleted again, such as a job's, are not in it; its history row is): {@code rows_<TABLE>},
     * {@code runtimeRowsPerFollowUp} ({@code ACT_RU_*}), {@code historyRowsPerFollowUp} ({@code ACT_HI_*}).
     */
    static Map<String, Object> rowsPerFollowUp(Map<String, Long> before, Map<String, Long> after, int count) {
        Map<String, Object> rows = new LinkedHashMap<>();
        double runtime = 0;
        double history = 0;
        for (Map.Entry<String, Long> table : new TreeMap<>(after).entrySet()) {
            long added = table.getValue() - before.getOrDefault(table.getKey(), 0L);
            if (added == 0) {
                continue;
            }
            double perFollowUp = Math.round(added * 100.0 / count) / 100.0;
            String name = table.getKey().toUpperCase(Locale.ROOT);
            rows.put("rows_" + name, perFollowUp);
            if (name.startsWith("ACT_RU_")) {
                runtime += perFollowUp;
            } else if (name.startsWith("ACT_HI_")) {
                history += perFollowUp;
            }
        }
        rows.put("runtimeRowsPerFollowUp", Math.round(runtime * 100) / 100.0);
        rows.put("historyRowsPerFollowUp", Math.round(history * 100) / 100.0);
        return rows;
    }

    /**
     * Starts {@code count} follow-ups from {@link #STARTERS} threads, all at once or {@code arrivalRate} per second,
     * and waits until every one is booked.
     */
    private static Map<String, Object> run(ConfigurableApplicationContext app, BenchTalkdeskServer talkdesk,
            String key, String prefix, int count, int arrivalRate) throws Exception {
        RuntimeService runtime = app.getBean(RuntimeService.class);
        HistoryService history = app.getBean(HistoryService.class);
        TalkdeskConnection connection = app.getBean(TalkdeskConnection.class);
        SandboxApi sandbox = talkdesk.api();
        int callsBefore = sandbox.admittedCount();
        Map<String, Integer> requestsBefore = talkdesk.requests();
        long[] cpuTicksBefore = machineCpuTicks();
        int refusedBefore = sandbox.rateLimitedCount();
        String day = LocalDate.now().plusDays(3).toString();
        BenchBookedCounter counter = app.getBean(BenchBookedCounter.class);
        long before = counter.booked();
        ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
        long started = System.currentTimeMillis();
        long cpuBefore = processCpuNanos();
        long emulatorCpuBefore = BenchTalkdeskServer.cpuNanos();
        long startedNanos = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int n = i;
            if (arrivalRate > 0) { // a steady arrival: the i-th start is due i / rate seconds after the first
                long due = startedNanos + (long) (i * 1e9 / arrivalRate);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            starters.submit(() -> {
                Map<String, Object> variables = new HashMap<>();
                variables.put(Variables.TICKET_ID, prefix + "-" + n);
                variables.put(Variables.PHONE_NUMBER, String.format("+35191%s%06d", prefix.equals("W") ? "1" : "2", n));
                variables.put(Variables.CALLBACK_TIME, day + "T" + String.format("%02d:%02d", 9 + n % 8, n % 60));
                variables.put(Variables.TIMEZONE, "Europe/Lisbon");
                variables.put("talkdeskBaseUrl", connection.apiBaseUrl().get());
                variables.put("talkdeskTokenUrl", connection.tokenUrl().get());
                runtime.startProcessInstanceByKey(key, prefix + "-" + n, variables);
            });
        }
        starters.shutdown();
        starters.awaitTermination(1, TimeUnit.HOURS);
        long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(30);
        while (counter.booked() - before < count) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("only " + (counter.booked() - before) + " of " + count
                        + " follow-ups booked after 30 minutes");
            }
            Thread.sleep(20);
        }
        long cpuNanos = processCpuNanos() - cpuBefore;
        long[] cpuTicksAfter = machineCpuTicks();
        long emulatorCpuNanos = BenchTalkdeskServer.cpuNanos() - emulatorCpuBefore;
        if (!prefix.equals("M")) {
            return Map.of();
        }
        Map<String, HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(key).list().stream()
                .filter(p -> p.getBusinessKey().startsWith(prefix + "-"))
                .collect(Collectors.toMap(HistoricProcessInstance::getId, Function.identity()));
        List<Long> latencies = new ArrayList<>();
        long lastBooked = 0;
        for (HistoricActivityInstance booked : history.createHistoricActivityInstanceQuery()
                .activityId(Elements.GATEWAY_AWAIT_CALLBACK).list()) {
            HistoricProcessInstance instance = instances.get(booked.getProcessInstanceId());
            if (instance != null) {
                latencies.add(booked.getStartTime().getTime() - instance.getStartTime().getTime());
                lastBooked = Math.max(lastBooked, booked.getStartTime().getTime());
            }
        }
        latencies.sort(null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("booked", latencies.size());
        result.put("seconds", (lastBooked - started) / 1000.0);
        result.put("perSecond", Math.round(count * 10000.0 / Math.max(1, lastBooked - started)) / 10.0);
        result.put("cpuMsPerFollowUp", Math.round((cpuNanos - emulatorCpuNanos) / 1e5 / count) / 10.0);
        result.put("emulatorCpuMsPerFollowUp", Math.round(emulatorCpuNanos / 1e5 / count) / 10.0);
        result.put("p50Ms", percentile(latencies, 50));
        result.put("p95Ms", percentile(latencies, 95));
        result.put("p99Ms", percentile(latencies, 99));
        int calls = sandbox.admittedCount() - callsBefore;
        result.put("apiCalls", calls);
        result.put("apiCallsPerSecond", Math.round(calls * 10000.0 / Math.max(1, lastBooked - started)) / 10.0);
        result.put("answered429", sandbox.rateLimitedCount() - refusedBefore);
        Map<String, Integer> requestsAfter = talkdesk.requests();
        int apiRequests = 0;
        for (Map.Entry<String, Integer> kind : requestsAfter.entrySet()) {
            int made = kind.getValue() - requestsBefore.getOrDefault(kind.getKey(), 0);
            result.put(kind.getKey() + "PerFollowUp", Math.round(made * 100.0 / count) / 100.0);
            apiRequests += kind.getKey().equals("token") ? 0 : made;
        }
        result.put("callsPerFollowUp", Math.round(apiRequests * 100.0 / count) / 100.0);
        long busy = 0;
        long all = 0;
        for (int i = 0; i < cpuTicksAfter.length; i++) {
            all += cpuTicksAfter[i] - cpuTicksBefore[i];
            busy += i == 3 || i == 4 ? 0 : cpuTicksAfter[i] - cpuTicksBefore[i];
        }
        result.put("machineBusyPct", Math.round(busy * 1000.0 / Math.max(1, all)) / 10.0);
        result.put("ioWaitPct", Math.round((cpuTicksAfter[4] - cpuTicksBefore[4]) * 1000.0 / Math.max(1, all)) / 10.0);
        return result;
    }

    /** Nothing lost, nothing booked twice: every follow-up waits with a callback id; one callback per number. */
    private static Map<String, Object> checks(ConfigurableApplicationContext app, BenchTalkdeskServer talkdesk,
            String variant, int total) {
        RuntimeService runtime = app.getBean(RuntimeService.class);
        long waiting = runtime.createExecutionQuery().activityId(Elements.GATEWAY_AWAIT_CALLBACK).count();
        long withId = runtime.createVariableInstanceQuery().variableName(Variables.CALLBACK_ID).count();
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("lost", total - waiting);
        checks.put("withoutCallbackId", total - withId);
        checks.put("incidents", runtime.createIncidentQuery().count());
        if (!variant.equals("ceiling")) {
            List<Map<String, Object>> callbacks = talkdesk.api().store().all();
            long numbers = callbacks.stream().map(c -> c.get("phone_number")).distinct().count();
            checks.put("callbacks", callbacks.size());
            checks.put("bookedTwice", callbacks.size() - numbers);
        }
        return checks;
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }

    /** The machine's CPU time so far from {@code /proc/stat}: user, nice, system, idle, iowait, irq, softirq, steal. */
    private static long[] machineCpuTicks() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long[] ticks = new long[8];
        for (int i = 0; i < ticks.length && i + 1 < fields.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
        }
        return ticks;
    }

    /** CPU time of the whole process (every thread: engine, client, sandbox, H2). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = BenchScenario.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String json(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof String s
                ? "\"" + s + "\"" : String.valueOf(e.getValue()))).collect(Collectors.joining(",", "{", "}"));
    }
}
