package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.parley.loadtest.Bench;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every load-tool scenario at a tiny size against the booted stack: the reports' numbers must add up (every
 * successful send delivered once to every member, no losses, no duplicates; every socket open; one measurement
 * per step), and each report comes with its HTML page. Not a performance test: no figure is compared to a target.
 */
class LoadToolIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ParleyStack stack;
    private static Path out;

    @BeforeAll
    static void stack() throws Exception {
        stack = ParleyStack.get();
        out = Files.createDirectories(Path.of("target", "load-tool-it"));
    }

    @Test
    void fanoutAtAFixedRate_deliversEverySendToEveryMember_once() throws Exception {
        JsonNode result = run("fanout", "--users", "20", "--rate", "10", "--duration", "2s");

        assertThat(result.path("sends").asLong()).isEqualTo(20);
        assertEveryDeliveryAccountedFor(result, 20);
        long perSecond = 0;
        for (JsonNode point : result.path("timeline")) {
            perSecond += point.path("deliveries").asLong();
        }
        assertThat(perSecond).isEqualTo(result.path("deliveries").asLong());
    }

    @Test
    void fanoutBurst_deliversEverySendToEveryMember_andTimesTheLastDelivery() throws Exception {
        JsonNode result = run("fanout", "--users", "10", "--burst", "15", "--concurrency", "4");

        assertThat(result.path("mode").asString()).isEqualTo("burst");
        assertThat(result.path("sends").asLong()).isEqualTo(15);
        assertEveryDeliveryAccountedFor(result, 15);
        assertThat(result.path("secondsUntilLastDelivery").asDouble()).isPositive();
    }

    @Test
    void sockets_stayOpenThroughHeartbeats_andHeapIsMeasuredAfterEachStep() throws Exception {
        JsonNode result = run("sockets", "--sockets", "6", "--sockets-per-user", "3", "--step", "3", "--hold", "12s",
                "--query-pid", Long.toString(stack.query.process().pid()));

        assertThat(result.path("openAfterHold").asLong()).isEqualTo(6);
        assertThat(result.path("socketsLost").asLong()).isZero();
        assertThat(result.path("socketErrorFrames").asLong()).isZero();
        assertThat(result.path("forcedGc").asBoolean()).isTrue();
        List<Long> stepSockets = new ArrayList<>();
        for (JsonNode step : result.path("steps")) {
            stepSockets.add(step.path("sockets").asLong());
            assertThat(step.path("heapUsedBytes").asLong()).isPositive();
        }
        assertThat(stepSockets).containsExactly(0L, 3L, 6L);
        long perSocket = result.path("heapBytesPerSocket").asLong();
        if (perSocket > 0) {
            assertThat(result.path("idleSocketsPerGiBOfHeap").asLong()).isEqualTo(Math.round((1L << 30) / (double) perSocket));
        }
    }

    @Test
    void history_measuresEveryCheckpoint_andCanSendSmallImages() throws Exception {
        JsonNode result = run("history", "--checkpoints", "10,20", "--members", "3", "--writers", "2",
                "--samples", "4", "--image-every", "5");

        assertThat(result.path("points")).hasSize(2);
        assertThat(result.path("imagesSent").asInt()).isEqualTo(4);
        for (JsonNode point : result.path("points")) {
            assertThat(point.path("sendOneMore").path("samples").asInt()).isEqualTo(4);
            assertThat(point.path("newestPage").path("samples").asInt()).isEqualTo(4);
            assertThat(point.path("pageAtRandomDepth").path("samples").asInt()).isEqualTo(4);
        }
    }

    @Test
    void attachments_measuresUploadAndDownloadThroughput() throws Exception {
        JsonNode result = run("attachments", "--files", "4", "--size-kb", "64", "--concurrency", "2");

        assertThat(result.path("uploadMegabytesPerSecond").asDouble()).isPositive();
        assertThat(result.path("downloadMegabytesPerSecond").asDouble()).isPositive();
        assertThat(result.path("download").path("samples").asInt()).isEqualTo(4);
    }

    @Test
    void rebuild_timesARebuildUntilItSwitches() throws Exception {
        JsonNode result = run("rebuild", "--projection", "message-view", "--admin-email",
                ParleyStack.LOAD_TOOL_ADMIN_EMAIL, "--admin-password", "load-tool-admin-password", "--poll", "200ms",
                "--timeout", "2m");

        assertThat(result.path("state").asString()).isEqualTo("SWITCHED");
        assertThat(result.path("eventsPerSecondObserved").asLong()).isPositive();
    }

    private static void assertEveryDeliveryAccountedFor(JsonNode result, long sends) {
        long groupSize = result.path("groupSize").asLong();
        assertThat(result.path("sendErrors").asLong()).as("send errors: %s", result.path("sendErrorsByKind")).isZero();
        assertThat(result.path("sendsOk").asLong()).isEqualTo(sends);
        assertThat(result.path("expectedDeliveries").asLong()).isEqualTo(sends * groupSize);
        assertThat(result.path("deliveries").asLong()).isEqualTo(sends * groupSize);
        assertThat(result.path("lost").asLong()).isZero();
        assertThat(result.path("duplicates").asLong()).isZero();
        assertThat(result.path("outOfOrder").asLong()).isZero();
        assertThat(result.path("deliveriesOfFailedSends").asLong()).isZero();
        assertThat(result.path("deliveriesNotFromThisRun").asLong()).isZero();
        assertThat(result.path("socketErrorFrames").asLong()).isZero();
        assertThat(result.path("deliveryLatency").path("samples").asLong()).isEqualTo(sends * groupSize);
    }

    private static JsonNode run(String scenario, String... options) throws Exception {
        Path report = Bench.run(withStack(scenario, options));
        Path page = report.resolveSibling(report.getFileName().toString().replace(".json", ".html"));
        assertThat(page).exists();
        assertThat(Files.readString(page)).contains("<svg").contains("Parley bench: " + scenario);
        JsonNode json = JSON.readTree(report.toFile());
        assertThat(json.path("scenario").asString()).isEqualTo(scenario);
        return json.path("result");
    }

    private static String[] withStack(String scenario, String... options) {
        List<String> args = new ArrayList<>(List.of(scenario));
        args.addAll(List.of(options));
        args.addAll(List.of("--command-url", stack.command.baseUrl(), "--query-url", stack.query.baseUrl(),
                "--out-dir", out.toString(), "--setup-concurrency", "4"));
        return args.toArray(String[]::new);
    }
}
