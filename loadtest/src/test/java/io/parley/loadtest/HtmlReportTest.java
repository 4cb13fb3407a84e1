package io.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void fanoutReport_isOnePageWithItsChartsAsInlineSvg_andEscapesText() {
        Map<String, Object> latency = Map.of("samples", 20, "p50Ms", 12.5, "p90Ms", 20.0, "p99Ms", 31.0, "maxMs", 40.0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deliveries", 20);
        result.put("deliveryLatency", latency);
        result.put("sendLatency", latency);
        result.put("timeline", List.of(Map.of("second", 1, "deliveries", 10, "p50Ms", 10.0, "p99Ms", 30.0),
                Map.of("second", 2, "deliveries", 10, "p50Ms", 15.0, "p99Ms", 31.0)));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", "fanout");
        report.put("command", "./parley bench fanout --users <b>");
        report.put("result", result);

        String html = HtmlReport.render(report);

        assertThat(html).startsWith("<!doctype html>").doesNotContain("<script").doesNotContain("src=");
        assertThat(html.split("<svg", -1)).hasSize(4);
        assertThat(html).contains("--users &lt;b&gt;").doesNotContain("--users <b>");
        assertThat(html).contains("<polyline").contains("<rect");
    }

    @Test
    void axisTops_areOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(HtmlReport.niceCeiling(0)).isEqualTo(1);
        assertThat(HtmlReport.niceCeiling(7)).isEqualTo(10);
        assertThat(HtmlReport.niceCeiling(130)).isEqualTo(200);
        assertThat(HtmlReport.niceCeiling(480)).isEqualTo(500);
    }

    @Test
    void heapPerSocket_isTheLeastSquaresSlope() {
        List<Map<String, Object>> steps = List.of(Map.of("sockets", 0, "heapUsedBytes", 1_000L),
                Map.of("sockets", 100, "heapUsedBytes", 201_000L), Map.of("sockets", 200, "heapUsedBytes", 401_000L));

        assertThat(SocketsScenario.slope(steps)).isEqualTo(2_000.0);
    }

    @Test
    void durations_readSecondsMinutesAndMilliseconds() {
        assertThat(Bench.duration("30s").toSeconds()).isEqualTo(30);
        assertThat(Bench.duration("2m").toSeconds()).isEqualTo(120);
        assertThat(Bench.duration("500ms").toMillis()).isEqualTo(500);
        assertThat(Bench.duration("45").toSeconds()).isEqualTo(45);
    }
}
