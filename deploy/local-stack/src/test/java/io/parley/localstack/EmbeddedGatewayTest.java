package io.parley.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddedGatewayTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Undertow command;
    private static Undertow query;
    private static URI commandUri;
    private static URI queryUri;
    private static EmbeddedGateway gateway;

    @BeforeAll
    static void start() throws IOException {
        int commandPort = freePort();
        int queryPort = freePort();
        command = backend(commandPort, echo("command"));
        query = backend(queryPort, Handlers.path(echo("query")).addPrefixPath("/ws", Handlers.websocket(
                (exchange, channel) -> {
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected void onFullTextMessage(WebSocketChannel from, BufferedTextMessage message) {
                            WebSockets.sendText("query echoes " + message.getData(), from, null);
                        }
                    });
                    channel.resumeReceives();
                })));
        commandUri = URI.create("http://127.0.0.1:" + commandPort);
        queryUri = URI.create("http://127.0.0.1:" + queryPort);
        gateway = EmbeddedGateway.start(freePort(), commandUri, queryUri);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        command.stop();
        query.stop();
    }

    @Test
    void readsGoToQueryApi_andEveryOtherMethodToCommandApi() throws Exception {
        assertThat(send("GET", "/api/v1/users/me").body()).isEqualTo("query GET /api/v1/users/me");
        assertThat(send("POST", "/api/v1/auth/login").body()).isEqualTo("command POST /api/v1/auth/login");
        assertThat(send("PATCH", "/api/v1/messages/m1").body()).isEqualTo("command PATCH /api/v1/messages/m1");
        assertThat(send("DELETE", "/api/v1/messages/m1").body()).isEqualTo("command DELETE /api/v1/messages/m1");
        assertThat(send("HEAD", "/api/v1/users/me").headers().firstValue("X-Backend")).hasValue("query");
    }

    @Test
    void withTwoQueryApiInstances_readsGoToBoth_andAllToTheSurvivor_whenOneStops() throws Exception {
        int firstPort = freePort();
        int secondPort = freePort();
        Undertow first = backend(firstPort, echo("query-1"));
        Undertow second = backend(secondPort, echo("query-2"));
        EmbeddedGateway balanced = EmbeddedGateway.start(freePort(), commandUri, List.of(
                URI.create("http://127.0.0.1:" + firstPort), URI.create("http://127.0.0.1:" + secondPort)), null);
        try {
            List<String> backends = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                backends.add(send(balanced, "GET", "/api/v1/users/me").headers().firstValue("X-Backend").orElseThrow());
            }
            assertThat(backends).contains("query-1", "query-2");

            first.stop();
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> read = send(balanced, "GET", "/api/v1/users/me");
                assertThat(read.statusCode()).as("read %d after one instance stopped", i).isEqualTo(200);
                assertThat(read.headers().firstValue("X-Backend")).hasValue("query-2");
            }
        } finally {
            balanced.close();
            second.stop();
        }
    }

    @Test
    void theSigningKeysComeFromCommandApi_andQueryStringsAndClientAddressesPassThrough() throws Exception {
        assertThat(send("GET", "/.well-known/jwks.json").body()).isEqualTo("command GET /.well-known/jwks.json");
        HttpResponse<String> search = send("GET", "/api/v1/conversations?limit=5");
        assertThat(search.headers().firstValue("X-Query")).hasValue("limit=5");
        assertThat(search.headers().firstValue("X-Seen-Forwarded-For")).hasValue("127.0.0.1");
    }

    @Test
    void theApiDocs_ofBothServices_andSwaggerUi_areServedThroughTheGateway() throws Exception {
        assertThat(send("GET", "/v3/api-docs/command-api").body()).isEqualTo("command GET /v3/api-docs");
        assertThat(send("GET", "/v3/api-docs/query-api").body()).isEqualTo("query GET /v3/api-docs");
        assertThat(send("GET", "/swagger-ui.html").body()).isEqualTo("command GET /swagger-ui.html");
        assertThat(send("GET", "/swagger-ui/index.html").body()).isEqualTo("command GET /swagger-ui/index.html");
        for (String index : new String[] {"/v3/api-docs", "/v3/api-docs/swagger-config"}) {
            HttpResponse<String> listed = send("GET", index);
            assertThat(listed.statusCode()).isEqualTo(200);
            assertThat(listed.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(listed.body()).isEqualTo(EmbeddedGateway.API_DOCS_INDEX)
                    .contains("\"url\":\"/v3/api-docs/command-api\"", "\"url\":\"/v3/api-docs/query-api\"");
        }
        assertThat(send("GET", "/v3/api-docs/notification-handler").statusCode()).isEqualTo(404);
    }

    @Test
    void nginx_routesTheApiDocsAsTheEmbeddedGatewayDoes() throws IOException {
        String nginx = Files.readString(Path.of("../gateway/nginx.conf"));
        assertThat(nginx)
                .contains("location = /v3/api-docs/command-api {\n            proxy_pass http://command_api/v3/api-docs;")
                .contains("location = /v3/api-docs/query-api {\n            proxy_pass http://query_api/v3/api-docs;")
                .contains("location /swagger-ui {\n            proxy_pass http://command_api;")
                .contains("return 200 '" + EmbeddedGateway.API_DOCS_INDEX + "';");
    }

    @Test
    void manyRequestsInFlightAtOnce_allReachTheService_noneRefusedByTheGateway() throws Exception {
        // Found by the fault suite: with Undertow's defaults the proxy opened 10 connections per IO thread and queued
        // nothing, so a busy service got a bodiless 503 from the gateway for the 21st request in flight.
        int port = freePort();
        Undertow busy = backend(port, new BlockingHandler(exchange -> {
            // A slow service is what this test is about: it holds each request 500 ms, so that 80 are in flight at
            // the gateway at once. (Holding them until all 80 have arrived cannot work: the stand-in service's worker
            // pool runs 16 at a time, so the rest would wait behind them, as a real service's would.)
            Thread.sleep(500);
            answer("busy", exchange);
        }));
        EmbeddedGateway front = EmbeddedGateway.start(freePort(), URI.create("http://127.0.0.1:" + port), queryUri);
        try {
            assertThat(sendsAtOnce(HTTP, front, 80, Duration.ofSeconds(60), Duration.ZERO)).containsOnly(200);
        } finally {
            front.close();
            busy.stop();
        }
    }

    @Test
    void pathsOutsideTheApi_areNotFound() throws Exception {
        assertThat(send("GET", "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    }

    @Test
    void theWebApp_isServedAtTheRoot_withAStrictContentSecurityPolicy_whileTheApiStillRoutes(@TempDir Path web)
            throws Exception {
        Files.writeString(web.resolve("index.html"), "<!doctype html><title>Parley</title>");
        Files.createDirectories(web.resolve("assets"));
        Files.writeString(web.resolve("assets/app-1a2b.js"), "console.log('app')");
        try (EmbeddedGateway withApp = EmbeddedGateway.start(freePort(), commandUri, queryUri, web)) {
            HttpResponse<String> index = send(withApp, "GET", "/");
            HttpResponse<String> asset = send(withApp, "GET", "/assets/app-1a2b.js");

            assertThat(index.statusCode()).isEqualTo(200);
            assertThat(index.body()).contains("<title>Parley</title>");
            assertThat(index.headers().firstValue("Content-Security-Policy")).hasValue(
                    EmbeddedGateway.CONTENT_SECURITY_POLICY);
            assertThat(EmbeddedGateway.CONTENT_SECURITY_POLICY).contains("script-src 'self'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(asset.body()).isEqualTo("console.log('app')");
            assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(send(withApp, "GET", "/missing.js").statusCode()).isEqualTo(404);
            assertThat(send(withApp, "GET", "/../pom.xml").statusCode()).isEqualTo(404);
            assertThat(send(withApp, "POST", "/index.html").statusCode()).isEqualTo(405);
            assertThat(send(withApp, "GET", "/actuator/health").statusCode()).isEqualTo(404);
            assertThat(send(withApp, "GET", "/api/v1/users/me").body()).isEqualTo("query GET /api/v1/users/me");
        }
    }

    @Test
    void webSocketsAtWs_areUpgradedThroughToQueryApi() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + gateway.port() + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        reply.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);

        socket.sendText("hello", true);

        assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("query echoes hello");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(longs = {1024 * 1024 + 1, 5 * 1024 * 1024, 99_999_999_999L})
    void bodiesAnnouncedLargerThanTheServicesTake_are413ProblemDetails(long contentLength) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\n\r\n{\"email\": \"").getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        }
    }

    @Test
    void anAttachmentUpload_mayBeLargerThanOtherBodies_upTo25Mb() throws Exception {
        byte[] file = new byte[2 * 1024 * 1024];
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder()
                .uri(URI.create(gateway.baseUrl() + "/api/v1/conversations/c1/attachments?name=a.zip"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(file))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.body()).isEqualTo("command POST /api/v1/conversations/c1/attachments");
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/conversations/c1/attachments HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Length: " + (25L * 1024 * 1024 + 1) + "\r\n\r\nxx").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith("HTTP/1.1 413").contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
        }
    }

    @Test
    void chunkedBodies_arePassedOnWhole_upToTheLimit_and413ProblemDetailsOverIt() throws Exception {
        assertThat(chunked(1024 * 1024)).startsWith("HTTP/1.1 200").containsIgnoringCase("x-body-length: 1048576");

        String answer = chunked(1024 * 1024 + 1);

        assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                .contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    /** POSTs a body of the size in 64 KB chunks and returns the whole answer. */
    private static String chunked(int size) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try {
                for (int sent = 0; sent < size; sent += chunk.length) {
                    int length = Math.min(chunk.length, size - sent);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk, 0, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closedEarly) {
                // the gateway may answer and close before the whole body is sent
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void slowClients_areCutOff_whetherTheyTrickleHeadersOrABody() throws Exception {
        // A service that takes connections and never answers: only the gateway's own limits end a request.
        try (ServerSocket silent = new ServerSocket(0);
             EmbeddedGateway strict = EmbeddedGateway.start(freePort(),
                     URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                     URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                     new EmbeddedGateway.Limits(1024, Duration.ofSeconds(1), Duration.ofSeconds(2)))) {
            assertThat(trickle(strict, "GET /api/v1/users/me HTTP/1.1\r\nHost: localhost\r\n", "X-Slow: 1\r\n"))
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(trickle(strict, "POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n", " "))
                    .isLessThan(Duration.ofSeconds(8));
        }
    }

    @Test
    void aServiceThatDoesNotAnswerInTime_orIsDown_isA503ProblemWithRetryAfter_notAHang() throws Exception {
        // A service that takes connections and never answers (a process starved of CPU, or stuck), and one that is down.
        try (ServerSocket silent = new ServerSocket(0);
             EmbeddedGateway strict = EmbeddedGateway.start(freePort(),
                     URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                     URI.create("http://127.0.0.1:" + freePort()),
                     new EmbeddedGateway.Limits(1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 1024,
                             Duration.ofSeconds(30), Duration.ofSeconds(1)))) {
            long began = System.nanoTime();
            HttpResponse<String> unanswered = HTTP.send(HttpRequest.newBuilder(URI.create(strict.baseUrl()
                            + "/api/v1/conversations/c/messages")).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            Duration waited = Duration.ofNanos(System.nanoTime() - began);
            HttpResponse<String> down = send(strict, "GET", "/api/v1/users/me");

            for (HttpResponse<String> answer : List.of(unanswered, down)) {
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(answer.body()).contains("\"status\":503").contains("\"code\":\"UNAVAILABLE\"");
            }
            assertThat(waited).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void aServiceThatDiesWhileAnswering_isA503Problem_notABrokenConnection() throws Exception {
        // As Tomcat answers JSON: the status, headers and body in one chunk, the last chunk when the request is done;
        // the service is killed in between (found by the fault suite: an EOFException instead of an answer).
        try (PartAnswering dying = new PartAnswering(socket -> socket.close());
             EmbeddedGateway front = EmbeddedGateway.start(freePort(), dying.uri(), queryUri)) {
            HttpResponse<String> answer = sendMessage(front);

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.body()).contains("\"code\":\"UNAVAILABLE\"");
        }
    }

    @Test
    void anAnswerBegunWithinTheAnswerTime_isPassedOnWhenItEndsInTime_andIsA503ProblemWhenItEndsTooLate()
            throws Exception {
        EmbeddedGateway.Limits oneSecond = new EmbeddedGateway.Limits(1024, Duration.ofSeconds(10),
                Duration.ofSeconds(30), 1024, Duration.ofSeconds(30), Duration.ofSeconds(1));
        // A slow service is what this test is about: it begins its answer at 0.5 s, and ends it 0.1 s later (in time)
        // or 1 s later (after the gateway's answer time of 1 s); no condition to await stands for "late".
        try (PartAnswering inTime = new PartAnswering(Duration.ofMillis(500), socket -> Thread.sleep(100));
             PartAnswering tooLate = new PartAnswering(Duration.ofMillis(500), socket -> Thread.sleep(1000));
             EmbeddedGateway toInTime = EmbeddedGateway.start(freePort(), inTime.uri(), queryUri, oneSecond);
             EmbeddedGateway toTooLate = EmbeddedGateway.start(freePort(), tooLate.uri(), queryUri, oneSecond)) {
            HttpResponse<String> whole = sendMessage(toInTime);
            HttpResponse<String> cut = sendMessage(toTooLate);

            assertThat(whole.statusCode()).isEqualTo(201);
            assertThat(whole.body()).isEqualTo(PartAnswering.BODY);
            assertThat(cut.statusCode()).isEqualTo(503);
            assertThat(cut.body()).contains("\"code\":\"UNAVAILABLE\"");
        }
    }

    @Test
    void anAnswerLargerThanTheGatewayHoldsUntilWhole_isPassedOnAsItComes() throws Exception {
        int port = freePort();
        byte[] large = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');
        Undertow generous = backend(port, exchange -> exchange.getResponseSender().send(ByteBuffer.wrap(large)));
        try (EmbeddedGateway front = EmbeddedGateway.start(freePort(), commandUri,
                URI.create("http://127.0.0.1:" + port))) {
            HttpResponse<byte[]> answer = HTTP.send(HttpRequest.newBuilder(URI.create(front.baseUrl()
                    + "/api/v1/conversations/c/messages")).timeout(Duration.ofSeconds(15)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(large);
        } finally {
            generous.stop();
        }
    }

    private static HttpResponse<String> sendMessage(EmbeddedGateway target) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(target.baseUrl() + "/api/v1/conversations/c/messages"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A stand-in service that answers each request as Tomcat answers JSON, in two writes: the status line, headers
     * and the body as one chunk (Spring flushes the converter's output), then the last chunk when the request is
     * done; between the two, {@code between} runs (a pause, or a death).
     */
    private static final class PartAnswering implements AutoCloseable {

        static final String BODY = "{\"seq\":1}";

        interface Between {
            void run(Socket socket) throws Exception;
        }

        private final ServerSocket server = new ServerSocket(0);
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

        PartAnswering(Between between) throws IOException {
            this(Duration.ZERO, between);
        }

        PartAnswering(Duration before, Between between) throws IOException {
            threads.submit(() -> {
                while (!server.isClosed()) {
                    Socket socket = server.accept();
                    threads.submit(() -> answer(socket, before, between));
                }
                return null;
            });
        }

        private static Void answer(Socket socket, Duration before, Between between) throws Exception {
            try (socket) {
                var in = socket.getInputStream();
                String head = "";
                while (!head.endsWith("\r\n\r\n")) {
                    int next = in.read();
                    if (next < 0) {
                        return null;
                    }
                    head += (char) next;
                }
                int length = head.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                        .map(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElse(0);
                in.readNBytes(length);
                // A slow service is what the tests using this are about: it begins its answer this late.
                Thread.sleep(before);
                OutputStream out = socket.getOutputStream();
                out.write(("HTTP/1.1 201 \r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                between.run(socket);
                if (!socket.isClosed()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            return null;
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        @Override
        public void close() throws IOException {
            server.close();
            threads.shutdownNow();
        }
    }

    @Test
    void manyAnswersTooLate_areEach503_andNoRequestAfterOneLosesItsConnection() throws Exception {
        // Undertow closes a client's connection when the service's late answer comes in after the 503: a client that
        // had sent its next request on that kept-alive connection got no answer at all (found by the fault suite).
        int port = freePort();
        AtomicInteger calls = new AtomicInteger();
        Undertow slow = backend(port, new BlockingHandler(exchange -> {
            // A late service is what this test is about: every second answer comes after the gateway's answer time
            // (1 s) has passed; no condition to await stands for "later than the gateway".
            if (calls.incrementAndGet() % 2 == 0) {
                Thread.sleep(1500);
            }
            answer("slow", exchange);
        }));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (EmbeddedGateway strict = EmbeddedGateway.start(freePort(), URI.create("http://127.0.0.1:" + port),
                queryUri, new EmbeddedGateway.Limits(1024, Duration.ofSeconds(10), Duration.ofSeconds(30), 1024,
                        Duration.ofSeconds(30), Duration.ofSeconds(1)))) {
            // Spread over the answer time, so that new requests meet connections whose answers come in late.
            List<Integer> statuses = sendsAtOnce(client, strict, 300, Duration.ofSeconds(15), Duration.ofMillis(10));

            assertThat(statuses).contains(503).allMatch(status -> status == 200 || status == 503);
        } finally {
            slow.stop();
        }
    }

    /**
     * {@code count} message sends through the gateway, each on a virtual thread, started {@code spacing} apart; their
     * statuses in order. A send whose connection breaks fails the caller.
     */
    private static List<Integer> sendsAtOnce(HttpClient client, EmbeddedGateway target, int count, Duration timeout,
                                             Duration spacing) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(pool.submit(() -> client.send(HttpRequest.newBuilder(URI.create(target.baseUrl()
                                + "/api/v1/conversations/c/messages")).timeout(timeout)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()));
                if (!spacing.isZero()) {
                    // Pacing the starts, as the caller asks: not a wait for a condition.
                    Thread.sleep(spacing);
                }
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        }
    }

    /**
     * Sends the start, then one piece at a time while the gateway stays silent for 200 ms, until it answers or closes
     * the connection; returns how long that took (at most 30 s, which fails the caller).
     */
    private static Duration trickle(EmbeddedGateway target, String start, String piece) throws IOException {
        long began = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", target.port())) {
            socket.setSoTimeout(200);
            OutputStream out = socket.getOutputStream();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            while (Duration.ofNanos(System.nanoTime() - began).compareTo(Duration.ofSeconds(30)) < 0) {
                try {
                    socket.getInputStream().read();
                    break;
                } catch (SocketTimeoutException silent) {
                    try {
                        out.write(piece.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException closed) {
                        break;
                    }
                }
            }
        } catch (SocketException reset) {
            // cut off
        }
        return Duration.ofNanos(System.nanoTime() - began);
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return send(gateway, method, path);
    }

    private static HttpResponse<String> send(EmbeddedGateway target, String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Answers "<name> <method> <path>", and says what it saw of the query string and forwarding headers. */
    private static HttpHandler echo(String name) {
        return exchange -> exchange.getRequestReceiver().receiveFullBytes((read, body) -> {
            read.getResponseHeaders().add(HttpString.tryFromString("X-Body-Length"), body.length);
            answer(name, read);
        });
    }

    private static void answer(String name, HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseHeaders().add(HttpString.tryFromString("X-Backend"), name);
        exchange.getResponseHeaders().add(HttpString.tryFromString("X-Query"), exchange.getQueryString());
        String forwarded = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
        exchange.getResponseHeaders().add(HttpString.tryFromString("X-Seen-Forwarded-For"),
                forwarded == null ? "" : forwarded);
        exchange.getResponseSender().send(name + " " + exchange.getRequestMethod() + " " + exchange.getRequestPath());
    }

    private static Undertow backend(int port, HttpHandler handler) {
        Undertow server = Undertow.builder().addHttpListener(port, "127.0.0.1").setHandler(handler).build();
        server.start();
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
