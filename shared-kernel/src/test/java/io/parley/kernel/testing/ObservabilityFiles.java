package io.parley.kernel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics the Grafana dashboard and the Prometheus alert rules in {@code deploy/observability/} name, with the
 * job (service) each selector names: {@code metric{job="query-api", …}} or {@code job=~"a|b"}. Each service's
 * MetricsIT checks that the metrics named for it are in its {@code /actuator/prometheus} after some traffic.
 */
public final class ObservabilityFiles {

    /** Made by Prometheus itself, never by a service. */
    public static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    public static final List<String> FILES = List.of("alerts.yaml", "grafana-dashboard.json");

    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*(?:\\{[^}]*}[^}]*)*)}");
    private static final Pattern JOB = Pattern.compile("job\\s*=~?\\s*\"([^\"]*)\"");

    private ObservabilityFiles() {
    }

    /** Metric name → the jobs whose selectors name it; a selector without a job maps to the job "". */
    public static Map<String, Set<String>> metricsByJob() {
        Map<String, Set<String>> metrics = new TreeMap<>();
        for (String file : FILES) {
            String text = read(file).replace("\\\"", "\"");
            Matcher selector = SELECTOR.matcher(text);
            while (selector.find()) {
                Matcher job = JOB.matcher(selector.group(2));
                Set<String> jobs = metrics.computeIfAbsent(selector.group(1), name -> new TreeSet<>());
                jobs.addAll(job.find() ? Arrays.asList(job.group(1).split("\\|")) : List.of(""));
            }
        }
        return metrics;
    }

    /** The metrics the files name for one service (Prometheus's own series left out). */
    public static Set<String> metricsOf(String service) {
        Set<String> names = new TreeSet<>();
        metricsByJob().forEach((name, jobs) -> {
            if (jobs.contains(service) && !PROMETHEUS_SERIES.contains(name)) {
                names.add(name);
            }
        });
        return names;
    }

    /** Asserts that every metric the files name for the service is in its Prometheus scrape. */
    public static void assertScrapeHasEveryMetricOf(String service, String scrape) {
        Set<String> scraped = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                scraped.add(line.split("[{ ]", 2)[0]);
            }
        }
        assertThat(metricsOf(service)).as("metrics of %s named in deploy/observability", service).isNotEmpty();
        assertThat(scraped).as("the metrics %s exposes", service).containsAll(metricsOf(service));
    }

    /** The service's {@code /actuator/prometheus} text on localhost. */
    public static String scrape(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/prometheus")).build(), BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET /actuator/prometheus").isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String read(String file) {
        Path path = ApiContract.file().getParent().getParent().resolve("deploy").resolve("observability").resolve(file);
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
