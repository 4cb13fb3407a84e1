package io.parley.kernel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The repo's API contract, {@code docs/api.md}, read as the routes its tables list: a table row whose first cell
 * is {@code METHOD /path} and whose {@code service} column names the services serving it. Services' tests compare
 * these with the routes their Spring MVC handler mapping registers, both ways. Rows under the "Operations" heading
 * (Actuator, springdoc) are framework routes and are not compared; only handlers in {@code io.parley} packages are.
 */
public final class ApiContract {

    public static final Set<String> SERVICES = Set.of("command-api", "query-api", "notification-handler");

    private static final Pattern ROUTE = Pattern.compile("^`?(GET|HEAD|POST|PUT|PATCH|DELETE) (/[^\\s?`|]*)");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}/]*}");
    private static final String FRAMEWORK_SECTION = "Operations";
    private static final Pattern SUCCESS_STATUS = Pattern.compile("(?:^|[;:(]\\s*)(2\\d\\d)\\b");

    private ApiContract() {
    }

    /** A method and a path whose variables are all written {@code {}}: {@code {id}} and {@code {conversationId}} match. */
    public record Route(String method, String path) implements Comparable<Route> {

        public static Route of(String method, String path) {
            return new Route(method.toUpperCase(Locale.ROOT), PATH_VARIABLE.matcher(path).replaceAll("{}"));
        }

        @Override
        public int compareTo(Route other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A route as a row of the contract lists it, under its section heading. */
    public record DocumentedRoute(Route route, Set<String> services, String section, int line, String answer) {

        boolean framework() {
            return section.startsWith(FRAMEWORK_SECTION);
        }

        /**
         * The success statuses the answer names: a 2xx at its start, after a ';', ':' or '(' ("201 `{…}`; the same
         * … again: 200 …"); 200 when it names none (it starts with the body).
         */
        public Set<String> successStatuses() {
            Set<String> statuses = new TreeSet<>();
            Matcher status = SUCCESS_STATUS.matcher(answer);
            while (status.find()) {
                statuses.add(status.group(1));
            }
            return statuses.isEmpty() ? Set.of("200") : statuses;
        }
    }

    /** {@code docs/api.md} of this checkout: found upwards from the working directory (a module, or the root). */
    public static Path file() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("api.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No docs/api.md above " + Path.of("").toAbsolutePath());
    }

    public static String text() {
        try {
            return Files.readString(file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every route row of the contract; a route row without a known service fails, so a typo cannot hide a route. */
    public static List<DocumentedRoute> documented(String markdown) {
        List<DocumentedRoute> routes = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String section = "";
        int serviceColumn = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("## ")) {
                section = line.substring(3).strip();
                continue;
            }
            if (!line.startsWith("|")) {
                serviceColumn = -1;
                continue;
            }
            List<String> cells = cells(line);
            boolean header = i + 1 < lines.length && lines[i + 1].strip().matches("\\|[\\s|:-]+\\|");
            if (header) {
                serviceColumn = cells.indexOf("service");
                continue;
            }
            Matcher route = ROUTE.matcher(cells.getFirst());
            if (!route.find()) {
                continue;
            }
            if (serviceColumn < 0 || serviceColumn >= cells.size()) {
                throw new IllegalStateException("docs/api.md line " + (i + 1) + ": a route in a table without a "
                        + "'service' column: " + line);
            }
            routes.add(new DocumentedRoute(Route.of(route.group(1), route.group(2)),
                    services(cells.get(serviceColumn), i + 1), section, i + 1, cells.getLast()));
        }
        return routes;
    }

    /** The routes of Parley's own controllers (not Spring's error page, not springdoc) in a handler mapping. */
    public static Set<Route> registered(RequestMappingHandlerMapping mapping) {
        Set<Route> routes = new TreeSet<>();
        mapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            if (!handler.getBeanType().getName().startsWith("io.parley.")
                    || ErrorController.class.isAssignableFrom(handler.getBeanType())) {
                return;
            }
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            assertThat(methods).as("HTTP methods of %s", handler).isNotEmpty();
            for (String path : info.getPatternValues()) {
                methods.forEach(method -> routes.add(Route.of(method, path)));
            }
        });
        return routes;
    }

    /**
     * The service registers exactly the routes the contract lists for it: none missing from the contract, none
     * listed that it does not serve.
     */
    public static void assertServiceMatches(String service, RequestMappingHandlerMapping mapping) {
        assertThat(SERVICES).contains(service);
        Set<Route> registered = registered(mapping);
        Set<Route> documented = new TreeSet<>();
        for (DocumentedRoute route : documented(text())) {
            if (!route.framework() && route.services().contains(service)) {
                documented.add(route.route());
            }
        }
        Set<Route> undocumented = new TreeSet<>(registered);
        undocumented.removeAll(documented);
        Set<Route> notServed = new TreeSet<>(documented);
        notServed.removeAll(registered);
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(undocumented)
                    .as("routes %s registers that docs/api.md does not list for it (add a row with service %s)",
                            service, service)
                    .isEmpty();
            softly.assertThat(notServed)
                    .as("routes docs/api.md lists for %s that it does not register", service)
                    .isEmpty();
        });
    }

    /**
     * The service's OpenAPI document ({@code /v3/api-docs}) answers every route the contract lists for it with the
     * success statuses the contract names, and with problem details for errors.
     */
    public static void assertOpenApiMatches(String service, JsonNode apiDocs) {
        Map<Route, JsonNode> operations = new TreeMap<>();
        apiDocs.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operations.put(Route.of(operation.getKey(), path.getKey()), operation.getValue())));
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (DocumentedRoute documented : documented(text())) {
            if (documented.framework() || !documented.services().contains(service)
                    || documented.route().method().equals("HEAD")) {
                continue;
            }
            checked++;
            JsonNode operation = operations.get(documented.route());
            if (operation == null) {
                problems.add(documented.route() + " is not in the OpenAPI document");
                continue;
            }
            Set<String> statuses = new TreeSet<>();
            operation.path("responses").propertyNames().forEach(statuses::add);
            if (!statuses.containsAll(documented.successStatuses())) {
                problems.add(documented.route() + " answers " + statuses + " in OpenAPI, " + documented.successStatuses()
                        + " in docs/api.md line " + documented.line());
            }
            if (!operation.path("responses").path("4XX").path("content").has("application/problem+json")) {
                problems.add(documented.route() + " has no problem details for 4XX");
            }
        }
        assertThat(checked).as("routes of %s in docs/api.md", service).isGreaterThan(3);
        assertThat(problems).as("the OpenAPI document of %s against docs/api.md", service).isEmpty();
        assertThat(apiDocs.path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
    }

    private static Set<String> services(String cell, int line) {
        String text = cell.replace("`", "").strip();
        if (text.equals("every service")) {
            return SERVICES;
        }
        Set<String> services = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String service = name.strip();
            if (!SERVICES.contains(service)) {
                throw new IllegalStateException("docs/api.md line " + line + ": unknown service '" + service
                        + "' (one of " + SERVICES + ", comma-separated, or 'every service')");
            }
            services.add(service);
        }
        return services;
    }

    private static List<String> cells(String row) {
        String inner = row.substring(1, row.endsWith("|") && row.length() > 1 ? row.length() - 1 : row.length());
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\\' && i + 1 < inner.length() && inner.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }
}
