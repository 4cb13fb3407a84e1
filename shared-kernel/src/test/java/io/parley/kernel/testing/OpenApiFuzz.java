package io.parley.kernel.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fuzzer generated from a service's OpenAPI document ({@code /v3/api-docs}): every operation, called with hostile
 * bodies (wrong types, nulls, huge and deeply nested JSON, Unicode edge cases, broken encodings), parameters
 * (wrong types, overlong ids and path segments, encoded NUL, slashes and surrogates), headers and content types.
 * Every answer must be below 500; every error an RFC 9457 problem ({@code application/problem+json} with its
 * {@code status} and {@code title}); no body may show a stack trace or an internal class name. Seeded, so a run can
 * be repeated: the seed and the counts are in {@link Report}.
 */
public final class OpenApiFuzz {

    /** Requests per service and run: -Dparley.fuzz.requests (the long form, ./parley fuzz, sets more). */
    public static final int REQUESTS = Integer.getInteger("parley.fuzz.requests", 2_500);
    public static final long SEED = Long.getLong("parley.fuzz.seed", System.nanoTime());

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|\\bjava\\.|io\\.parley\\.|org\\.springframework|tools\\.jackson"
                    + "|com\\.fasterxml|org\\.axonframework|jakarta\\.|org\\.apache|Caused by|\\.java:\\d");
    private static final List<String> HOSTILE_STRINGS = List.of("", " ", "\u0000", "a\u0000b", "\uD800", "\uDFFF",
            "\u202Eevil", "\uFEFF", "\u0085", "\u001B[31m", "💬".repeat(2_000), "x".repeat(70_000), "null", "true",
            "0", "-1", "../../etc/passwd", "%00", "<script>alert(1)</script>", "' OR 1=1 --", "{\"$gt\":\"\"}",
            "${jndi:ldap://127.0.0.1/a}", "Ω≈ç√∫", "\r\nX-Injected: 1", "ﬃ", "İ", "\uFFFF", "𝕏");
    // The JDK's client refuses to send a header value with control or non-ASCII characters: those would be skipped.
    private static final List<String> SENDABLE_HEADER_VALUES = HOSTILE_STRINGS.stream()
            .filter(value -> value.chars().allMatch(c -> c >= 0x20 && c < 0x7f))
            .toList();
    private static final List<String> HOSTILE_SEGMENTS = List.of("not-a-uuid", "%00", "%F0%9F%98%80", "%ED%A0%80",
            "%C0%AF", "%2F", "%2E%2E", "..", "%", "%zz", "%E2%80%AE", "a".repeat(5_000), "%20", "00000000-0000-0000-"
                    + "0000-000000000000", "%7B%7D", ";jsessionid=x", "%3B", "%5C", "*");
    private static final List<String> HOSTILE_QUERY_VALUES = List.of("", "-1", "0", "1.5", "1e999",
            "99999999999999999999", "abc", "%00", "%FF", "%ED%A0%80", "a".repeat(10_000), "true", "%E2%80%AE",
            "%5B%5D", "null");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "*/*", "application/xml",
            "application/yaml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=utf-16", "application/json; charset=nonsense", "garbage", "application/*",
            "application/json, text/plain", "application/problem+json", "application/json-patch+json");
    private static final List<String> ACCEPTS = List.of("application/xml", "text/html", "*/*", "nonsense",
            "application/json;q=0", "image/png");

    private final JsonNode docs;
    private final Random random;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Supplier<String>> knownValues;

    /** An operation of the document: method, path template, parameters and the request body's schema (or null). */
    public record Operation(String method, String path, List<JsonNode> parameters, JsonNode body) {
    }

    /** The services' request body limit (1 MB). */
    private static final int OVER_THE_LIMIT = 1_000_000;

    /** Tomcat's request header limit ({@code server.max-http-request-header-size}, 8 KB by default). */
    private static final int HEADERS_OVER_THE_LIMIT = 8 * 1024;

    /** One request the fuzzer made. */
    public record Request(String method, String uri, Map<String, String> headers, byte[] body, String what) {
    }

    /** Counts of a run, and every answer that broke a rule (with the request that got it). */
    public record Report(long seed, long requests, long informational, long success, long clientErrors,
                         long serverErrors, List<String> violations) {

        @Override
        public String toString() {
            return "seed " + seed + ": " + requests + " requests, " + success + " 2xx/3xx, " + clientErrors
                    + " 4xx, " + serverErrors + " 5xx, " + violations.size() + " violations";
        }
    }

    /**
     * @param knownValues values that name real things, by parameter or property name ({@code conversationId},
     *                    {@code messageId}, {@code userId}…), so a share of requests get past the 404s
     */
    public OpenApiFuzz(JsonNode docs, long seed, Map<String, Supplier<String>> knownValues) {
        this.docs = docs;
        this.random = new Random(seed);
        this.knownValues = knownValues;
        docs.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            List<JsonNode> parameters = new ArrayList<>();
            method.getValue().path("parameters").forEach(parameters::add);
            JsonNode body = method.getValue().path("requestBody").path("content").path("application/json")
                    .path("schema");
            operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), parameters,
                    body.isMissingNode() ? null : resolve(body)));
        }));
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /**
     * Sends {@code count} requests to {@code baseUrl} (a few at a time) with the token (a fresh one from the supplier
     * every {@code tokenEvery} requests, for services that limit writes per user) and checks every answer.
     */
    public Report run(String baseUrl, int count, Supplier<String> tokens, int tokenEvery, long seed) {
        List<Request> requests = new ArrayList<>(count);
        String token = tokens.get();
        for (int i = 0; i < count; i++) {
            if (tokenEvery > 0 && i > 0 && i % tokenEvery == 0) {
                token = tokens.get();
            }
            requests.add(next(i, token));
        }
        AtomicLong informational = new AtomicLong();
        AtomicLong success = new AtomicLong();
        AtomicLong clientErrors = new AtomicLong();
        AtomicLong serverErrors = new AtomicLong();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger index = new AtomicInteger();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
             ExecutorService workers = Executors.newFixedThreadPool(3)) {
            for (int w = 0; w < 3; w++) {
                workers.submit(() -> {
                    for (int i = index.getAndIncrement(); i < requests.size(); i = index.getAndIncrement()) {
                        Request request = requests.get(i);
                        HttpResponse<String> response;
                        try {
                            response = client.send(build(baseUrl, request), HttpResponse.BodyHandlers.ofString());
                        } catch (IOException e) {
                            // A server may answer a body over its limit (1 MB) with 413, or headers over theirs with
                            // 400, and close the connection while the client still sends; the client then sees the
                            // answer cut off by the reset (RFC 9110 15.5.14).
                            if (!overTheLimit(request)) {
                                violations.add(describe(request) + " -> no answer: " + e);
                            }
                            continue;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        } catch (IllegalArgumentException e) {
                            // a request the JDK client itself will not send (e.g. a header value it refuses)
                            continue;
                        }
                        int status = response.statusCode();
                        if (status >= 500) {
                            serverErrors.incrementAndGet();
                        } else if (status >= 400) {
                            clientErrors.incrementAndGet();
                        } else if (status >= 200) {
                            success.incrementAndGet();
                        } else {
                            informational.incrementAndGet();
                        }
                        for (String violation : violations(request.method(), request.headers().get("Accept"), status,
                                response.headers().firstValue("Content-Type").orElse(""), response.body())) {
                            violations.add(describe(request) + " -> " + status + ": " + violation + " "
                                    + abbreviate(response.body()));
                        }
                    }
                });
            }
        }
        long sent = informational.get() + success.get() + clientErrors.get() + serverErrors.get();
        return new Report(seed, sent, informational.get(), success.get(), clientErrors.get(), serverErrors.get(),
                List.copyOf(violations));
    }

    /**
     * What is wrong with an answer: a 5xx, an error that is no problem detail, internals in the body. A client whose
     * {@code Accept} refuses JSON may get an error without a body.
     */
    public static List<String> violations(String method, String accept, int status, String contentType,
                                          String body) {
        List<String> found = new ArrayList<>();
        if (status >= 500) {
            found.add("a server error");
        }
        if (body != null && INTERNALS.matcher(body).find()) {
            found.add("internals in the body");
        }
        boolean acceptsJson = accept == null || (accept.contains("json") || accept.contains("*/*"))
                && !accept.contains("q=0");
        boolean bodyless = method.equals("HEAD") || !acceptsJson && (body == null || body.isEmpty());
        if (status >= 400 && !bodyless) {
            if (!contentType.startsWith("application/problem+json")) {
                found.add("an error as " + contentType + ", not application/problem+json");
            } else {
                try {
                    JsonNode problem = JSON.readTree(body);
                    if (problem.path("status").asInt() != status || !problem.path("title").isString()
                            || !problem.path("code").isString()) {
                        found.add("a problem without status " + status + ", title and code");
                    }
                } catch (RuntimeException e) {
                    found.add("a problem that is no JSON");
                }
            }
        }
        return found;
    }

    private static boolean overTheLimit(Request request) {
        int headers = request.headers().entrySet().stream()
                .mapToInt(header -> header.getKey().length() + header.getValue().length() + 4).sum();
        return headers > HEADERS_OVER_THE_LIMIT || request.body() != null && request.body().length > OVER_THE_LIMIT;
    }

    private Request next(int i, String token) {
        Operation operation = operations.get(random.nextInt(operations.size()));
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> what = new ArrayList<>();
        if (token != null && random.nextInt(20) != 0) {
            headers.put("Authorization", "Bearer " + token);
        } else if (random.nextBoolean()) {
            headers.put("Authorization", pick(List.of("Bearer ", "Bearer x.y.z", "Basic YTpi", "Bearer " + "a"
                    .repeat(9_000), "bearer\t" + token)));
            what.add("authorization");
        }
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : operation.parameters()) {
            String name = parameter.path("name").asString();
            String in = parameter.path("in").asString();
            boolean hostile = random.nextInt(4) == 0;
            String value = hostile ? hostileParameter(in) : validParameter(name, parameter.path("schema"));
            if (hostile) {
                what.add(in + " " + name);
            }
            switch (in) {
                case "path" -> path = path.replace("{" + name + "}", value);
                case "query" -> {
                    if (!parameter.path("required").asBoolean() && random.nextInt(3) == 0) {
                        continue;
                    }
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(value);
                    if (random.nextInt(10) == 0) {
                        query.append('&').append(name).append('=').append(value);
                    }
                }
                case "header" -> headers.put(name, hostile ? pick(SENDABLE_HEADER_VALUES) : value);
                default -> {
                }
            }
        }
        if (random.nextInt(10) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append("unknown=").append(pick(HOSTILE_QUERY_VALUES));
        }
        if (random.nextInt(8) == 0) {
            headers.put("X-Min-Position", pick(List.of("-1", "abc", "1e9", "99999999999999999999", "", "0x10", "1.0")));
            what.add("X-Min-Position");
        }
        if (random.nextInt(12) == 0) {
            headers.put("Accept", pick(ACCEPTS));
            what.add("accept");
        }
        byte[] body = null;
        if (operation.body() != null || random.nextInt(10) == 0) {
            body = body(operation.body(), what);
            headers.put("Content-Type", random.nextInt(8) == 0 ? pick(CONTENT_TYPES) : "application/json");
            if (!headers.get("Content-Type").equals("application/json")) {
                what.add("content type " + headers.get("Content-Type"));
            }
        }
        String method = random.nextInt(40) == 0 ? pick(List.of("HEAD", "OPTIONS", "TRACE", "PROPFIND"))
                : operation.method();
        return new Request(method, path + query, headers, body, "#" + i + " " + operation.method() + " "
                + operation.path() + " " + what);
    }

    private String validParameter(String name, JsonNode schema) {
        Supplier<String> known = knownValues.get(name);
        if (known != null) {
            return encode(known.get());
        }
        return switch (schema.path("type").asString()) {
            case "integer", "number" -> Integer.toString(random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(50));
            case "boolean" -> "true";
            default -> schema.has("enum") ? encode(schema.path("enum").get(0).asString())
                    : name.equals("emoji") ? encode("👍") : encode("fuzz");
        };
    }

    private String hostileParameter(String in) {
        if (in.equals("path")) {
            return pick(HOSTILE_SEGMENTS);
        }
        return random.nextBoolean() ? pick(HOSTILE_QUERY_VALUES) : encode(pick(HOSTILE_STRINGS));
    }

    private byte[] body(JsonNode schema, List<String> what) {
        int kind = random.nextInt(20);
        if (schema == null || kind == 0) {
            what.add("raw body");
            return rawBody();
        }
        JsonNode valid = example(schema, 0);
        if (kind < 4) {
            return JSON.writeValueAsBytes(valid);
        }
        if (valid instanceof ObjectNode object && !object.isEmpty()) {
            List<String> fields = new ArrayList<>(object.propertyNames());
            String field = fields.get(random.nextInt(fields.size()));
            int mutation = random.nextInt(8);
            what.add("body " + field + " " + mutation);
            switch (mutation) {
                case 0 -> object.putNull(field);
                case 1 -> object.remove(field);
                case 2 -> object.put(field, pick(HOSTILE_STRINGS));
                case 3 -> object.set(field, wrongType(object.get(field)));
                case 4 -> {
                    // deeper than Jackson writes: spliced in as text
                    int depth = random.nextInt(2_000) + 10;
                    object.put(field, "__nested__");
                    return JSON.writeValueAsString(object).replace("\"__nested__\"", "[{\"a\":".repeat(depth)
                            + "1" + "}]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
                }
                case 5 -> object.put("unexpected" + random.nextInt(3), pick(HOSTILE_STRINGS));
                case 6 -> object.put(field, pick(List.of(-1L, 0L, Long.MAX_VALUE, Long.MIN_VALUE, 4_001L)));
                default -> object.set(field, NODES.numberNode(new java.math.BigDecimal("1e400")));
            }
            return JSON.writeValueAsBytes(object);
        }
        what.add("raw body");
        return rawBody();
    }

    private byte[] rawBody() {
        int kind = random.nextInt(14);
        return switch (kind) {
            case 0 -> new byte[0];
            case 1 -> "null".getBytes(StandardCharsets.UTF_8);
            case 2 -> "[]".getBytes(StandardCharsets.UTF_8);
            case 3 -> "\"text\"".getBytes(StandardCharsets.UTF_8);
            case 4 -> "{".getBytes(StandardCharsets.UTF_8);
            case 5 -> "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8);
            case 6 -> ("[".repeat(50_000) + "]".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
            case 7 -> new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            case 8 -> "\uFEFF{}".getBytes(StandardCharsets.UTF_8);
            case 9 -> "{\"text\":\"hi\"}".getBytes(StandardCharsets.UTF_16);
            case 10 -> ("{\"a\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 11 -> "{\"x\":1e999999999}".getBytes(StandardCharsets.UTF_8);
            case 12 -> "{\"\\u0000\":\"\\ud800\"}".getBytes(StandardCharsets.UTF_8);
            default -> new byte[] {0, 0, 0, 0};
        };
    }

    private JsonNode wrongType(JsonNode value) {
        if (value == null || value.isString()) {
            return pick(List.<JsonNode>of(NODES.numberNode(1), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode()));
        }
        if (value.isNumber()) {
            return pick(List.<JsonNode>of(NODES.stringNode("1"), NODES.numberNode(1.5), NODES.booleanNode(false)));
        }
        if (value.isBoolean()) {
            return pick(List.<JsonNode>of(NODES.stringNode("true"), NODES.numberNode(1), NODES.numberNode(-1)));
        }
        if (value.isArray()) {
            return pick(List.<JsonNode>of(NODES.stringNode("a"), NODES.objectNode(), arrayOf(NODES.nullNode())));
        }
        return NODES.arrayNode();
    }

    private static ArrayNode arrayOf(JsonNode element) {
        ArrayNode array = NODES.arrayNode();
        array.add(element);
        return array;
    }

    /** A value the schema accepts, with known values for properties that name real things. */
    private JsonNode example(JsonNode schema, int depth) {
        JsonNode resolved = resolve(schema);
        if (resolved.has("enum")) {
            return resolved.path("enum").get(random.nextInt(resolved.path("enum").size()));
        }
        String type = resolved.path("type").isArray() ? resolved.path("type").get(0).asString()
                : resolved.path("type").asString();
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 4) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = resolved.path("properties").properties()
                            .iterator(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> property = it.next();
                        Supplier<String> known = knownValues.get(property.getKey());
                        object.set(property.getKey(), known != null ? NODES.stringNode(known.get())
                                : example(property.getValue(), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                Supplier<String> known = knownValues.get("item");
                array.add(known != null && resolve(resolved.path("items")).path("type").asString().equals("string")
                        ? NODES.stringNode(known.get()) : example(resolved.path("items"), depth + 1));
                return array;
            }
            case "integer", "number" -> {
                return NODES.numberNode(random.nextInt(3));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                String format = resolved.path("format").asString();
                return NODES.stringNode(switch (format) {
                    case "email" -> "fuzz." + UUID.randomUUID() + "@parley.test";
                    case "uri" -> "https://example.org/a.png";
                    case "uuid" -> UUID.randomUUID().toString();
                    default -> "fuzz " + random.nextInt(1_000);
                });
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString();
        if (ref.startsWith("#/")) {
            JsonNode target = docs;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part);
            }
            return target;
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode options = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
            return resolve(options.get(0));
        }
        return schema;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static HttpRequest build(String baseUrl, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.uri()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return builder.build();
    }

    private static String describe(Request request) {
        return request.what() + " " + request.method() + " " + abbreviate(request.uri());
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
