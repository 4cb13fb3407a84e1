package io.parley.kernel.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small S3 endpoint in the test JVM, path-style, for the S3 adapter's tests: buckets, and objects put, got (with a
 * single {@code Range}), headed and deleted, kept in memory; signatures are not checked. Bodies the SDK sends as
 * {@code aws-chunked} are decoded. (S3Mock from Maven Central is a Spring Boot 3 application and cannot share a JVM
 * with the services' Spring Boot 4; docs/adr/0006-attachments.md.)
 */
public final class InJvmS3Server implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private final HttpServer server;
    private final Set<String> buckets = ConcurrentHashMap.newKeySet();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();

    public InJvmS3Server() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public InJvmS3Server bucket(String name) {
        buckets.add(name);
        return this;
    }

    /** The keys stored in a bucket. */
    public Set<String> keys(String bucket) {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        objects.keySet().stream().filter(k -> k.startsWith(bucket + "/"))
                .forEach(k -> keys.add(k.substring(bucket.length() + 1)));
        return keys;
    }

    public byte[] object(String bucket, String key) {
        return objects.get(bucket + "/" + key);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(1);
            int slash = path.indexOf('/');
            String bucket = slash < 0 ? path : path.substring(0, slash);
            String key = slash < 0 ? "" : path.substring(slash + 1);
            if (!buckets.contains(bucket) && !(key.isEmpty() && "PUT".equals(exchange.getRequestMethod()))) {
                error(exchange, 404, "NoSuchBucket");
                return;
            }
            String id = bucket + "/" + key;
            switch (exchange.getRequestMethod()) {
                case "PUT" -> {
                    if (key.isEmpty()) {
                        buckets.add(bucket);
                    } else {
                        objects.put(id, body(exchange));
                        String type = exchange.getRequestHeaders().getFirst("Content-Type");
                        types.put(id, type == null ? "application/octet-stream" : type);
                    }
                    exchange.getResponseHeaders().add("ETag", "\"etag\"");
                    exchange.sendResponseHeaders(200, -1);
                }
                case "GET", "HEAD" -> get(exchange, id);
                case "DELETE" -> {
                    objects.remove(id);
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> error(exchange, 405, "MethodNotAllowed");
            }
        }
    }

    private void get(HttpExchange exchange, String id) throws IOException {
        byte[] bytes = objects.get(id);
        if (bytes == null) {
            error(exchange, 404, "NoSuchKey");
            return;
        }
        int from = 0;
        int to = bytes.length - 1;
        int status = 200;
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher matcher = RANGE.matcher(range);
            if (matcher.matches()) {
                from = Integer.parseInt(matcher.group(1));
                to = matcher.group(2).isEmpty() ? to : Math.min(to, Integer.parseInt(matcher.group(2)));
                status = 206;
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
            }
        }
        exchange.getResponseHeaders().add("Content-Type", types.get(id));
        exchange.getResponseHeaders().add("ETag", "\"etag\"");
        int length = Math.max(0, to - from + 1);
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().add("Content-Length", String.valueOf(length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes, from, length);
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        byte[] raw = exchange.getRequestBody().readAllBytes();
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        boolean chunked = (encoding != null && encoding.contains("aws-chunked"))
                || (sha != null && sha.startsWith("STREAMING-"));
        return chunked ? dechunk(raw) : raw;
    }

    /** {@code <hex size>[;chunk-signature=…]\r\n<bytes>\r\n}, …, ending with a chunk of size 0 (and trailers). */
    private static byte[] dechunk(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < raw.length) {
            int lineEnd = indexOfCrlf(raw, at);
            String header = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(raw, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] raw, int from) {
        for (int i = from; i < raw.length - 1; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        return raw.length;
    }

    private static void error(HttpExchange exchange, int status, String code) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/xml");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
