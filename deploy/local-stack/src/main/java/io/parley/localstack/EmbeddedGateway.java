package io.parley.localstack;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.ImmediatePooledByteBuffer;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * The one entry point of the local stack (docs/api.md: port 8080), a reverse proxy in this JVM (Undertow), routing as
 * {@code deploy/gateway/nginx.conf} does for the compose stack: {@code /api/**} reads (GET, HEAD) to query-api and
 * every other method to command-api, {@code /.well-known/jwks.json} to command-api, and {@code /ws} (WebSocket
 * upgrade included) to query-api. The API documents: {@code /v3/api-docs/command-api} and
 * {@code /v3/api-docs/query-api} are each service's {@code /v3/api-docs}, {@code /v3/api-docs} (and Swagger UI's
 * {@code /v3/api-docs/swagger-config}) lists them, and Swagger UI ({@code /swagger-ui.html}, {@code /swagger-ui/})
 * comes from command-api and shows both. Everything else is the web app's built files ({@code web/app/dist}) with a
 * strict Content-Security-Policy, or 404 when it is not built. It adds {@code X-Forwarded-For/-Proto/-Host}.
 * <p>
 * A body announced larger than the services take is answered 413 here, as the service would (command-api closes the
 * connection while the proxy is still sending, which the proxy would turn into a 500 or 503); a chunked body is
 * read here up to the limit first, so one over it is answered 413 too. Slow clients are cut
 * off: request headers must arrive within {@link Limits#headerTimeout()}, a whole request within
 * {@link Limits#requestTime()}.
 * <p>
 * A service's answer is passed on once it is whole ({@link WholeAnswers}; attachments as they come): a service that
 * dies, or runs out of answer time, in the middle of its answer is the gateway's 503, never a connection closed on
 * the client without an answer.
 */
public final class EmbeddedGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedGateway.class);
    private static final Set<String> READS = Set.of(Methods.GET_STRING, Methods.HEAD_STRING);
    /**
     * What the gateway allows: the services' body limit (command-api's parley.max-request-size), and times:
     * {@code requestTime} for a client to send a whole request, {@code answerTime} for a service to answer it (then
     * the client gets 503 {@code UNAVAILABLE}), {@code transferTime} for both with an attachment.
     */
    public record Limits(long maxBodyBytes, Duration headerTimeout, Duration requestTime, long maxUploadBytes,
                         Duration transferTime, Duration answerTime) {

        /**
         * 1 MB bodies; 10 s for the headers; 30 s for a request; 10 s for a service's answer (the services answer
         * 503 themselves after 5 s without a database connection or a conversation's turn, and reads wait at most
         * 5 s): a service starved of CPU or stuck is answered for within the time clients wait, never left hanging.
         * WebSockets unbounded. Attachments (uploads and downloads): command-api's parley.attachments.max-size,
         * 25 MB, and 5 minutes.
         */
        public static final Limits DEFAULT = new Limits(1024 * 1024, Duration.ofSeconds(10), Duration.ofSeconds(30),
                25L * 1024 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(10));

        public Limits(long maxBodyBytes, Duration headerTimeout, Duration requestTime) {
            this(maxBodyBytes, headerTimeout, requestTime, maxBodyBytes, requestTime, requestTime);
        }
    }

    /** An attachment upload (POST) or download (GET): larger bodies, more time. */
    private static final Pattern TRANSFER =
            Pattern.compile("/api/v1/(conversations/[^/]+/attachments/?|attachments/[^/]+(/thumbnail)?)");

    private static final byte[] UNAVAILABLE = ("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\","
            + "\"status\":503,\"detail\":\"The service is not reachable or did not answer in time; the request may "
            + "have been carried out. Repeat it after Retry-After.\",\"code\":\"UNAVAILABLE\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOO_LARGE = ("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
            + "\"detail\":\"The request body is larger than allowed.\",\"code\":\"PAYLOAD_TOO_LARGE\"}")
            .getBytes(StandardCharsets.UTF_8);
    /**
     * The web app loads only its own scripts, styles and images, talks only to this origin (REST and {@code /ws}),
     * and may not be framed: an injected tag can neither run nor load anything. Same as deploy/gateway/nginx.conf.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** The services' OpenAPI documents as the gateway serves them; Swagger UI offers each (same as nginx.conf). */
    static final String API_DOCS_INDEX = "{\"configUrl\":\"/v3/api-docs/swagger-config\",\"urls\":["
            + "{\"name\":\"command-api\",\"url\":\"/v3/api-docs/command-api\"},"
            + "{\"name\":\"query-api\",\"url\":\"/v3/api-docs/query-api\"}],"
            + "\"urls.primaryName\":\"command-api\",\"validatorUrl\":\"\"}";
    private static final byte[] API_DOCS_INDEX_BYTES = API_DOCS_INDEX.getBytes(StandardCharsets.UTF_8);

    private final Undertow server;
    private final int port;

    private EmbeddedGateway(Undertow server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedGateway start(int port, URI commandApi, URI queryApi) {
        return start(port, commandApi, queryApi, null, Limits.DEFAULT);
    }

    public static EmbeddedGateway start(int port, URI commandApi, URI queryApi, Limits limits) {
        return start(port, commandApi, queryApi, null, limits);
    }

    /** As {@link #start(int, URI, URI)}, also serving the web app from {@code webRoot} (null or missing: 404). */
    public static EmbeddedGateway start(int port, URI commandApi, URI queryApi, Path webRoot) {
        return start(port, commandApi, List.of(queryApi), webRoot, Limits.DEFAULT);
    }

    /**
     * As {@link #start(int, URI, URI, Path)} with several query-api instances: reads and new sockets go to them in
     * turn, and an instance that refuses connections is left out (tried again a second later) while the others
     * serve, so the clients of a dead instance find a live one when they connect again.
     */
    public static EmbeddedGateway start(int port, URI commandApi, List<URI> queryApis, Path webRoot) {
        return start(port, commandApi, queryApis, webRoot, Limits.DEFAULT);
    }

    private static EmbeddedGateway start(int port, URI commandApi, URI queryApi, Path webRoot, Limits limits) {
        return start(port, commandApi, List.of(queryApi), webRoot, limits);
    }

    private static EmbeddedGateway start(int port, URI commandApi, List<URI> queryApis, Path webRoot, Limits limits) {
        HttpHandler command = proxyTo(List.of(commandApi), limits.answerTime(), true);
        HttpHandler query = proxyTo(queryApis, limits.answerTime(), true);
        HttpHandler commandTransfer = proxyTo(List.of(commandApi), limits.transferTime(), false);
        HttpHandler queryTransfer = proxyTo(queryApis, limits.transferTime(), false);
        HttpHandler web = webRoot != null && Files.isDirectory(webRoot) ? webApp(webRoot) : EmbeddedGateway::notFound;
        HttpHandler routes = exchange -> {
            boolean transfer = TRANSFER.matcher(exchange.getRequestPath()).matches();
            if (exchange.getRequestContentLength() > (transfer ? limits.maxUploadBytes() : limits.maxBodyBytes())) {
                tooLarge(exchange);
                return;
            }
            if (!isWebSocket(exchange)) {
                closeUnlessCompleteWithin(exchange, transfer ? limits.transferTime() : limits.requestTime());
                logIfSlow(exchange);
            }
            exchange.addDefaultResponseListener(EmbeddedGateway::unavailable);
            HttpHandler next = route(exchange, transfer ? commandTransfer : command, transfer ? queryTransfer : query,
                    web);
            // A chunked body is counted here, in memory, up to the limit; an attachment upload streams on to
            // command-api, which counts it while it spools it to disk.
            if (exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING) && !transfer) {
                bufferedUpTo(limits.maxBodyBytes(), next).handleRequest(exchange);
            } else {
                next.handleRequest(exchange);
            }
        };
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setIoThreads(IO_THREADS)
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, Math.toIntExact(limits.headerTimeout().toMillis()))
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, Math.toIntExact(limits.requestTime().toMillis()))
                .setHandler(routes)
                .build();
        server.start();
        log.info("Gateway on 127.0.0.1:{}: writes to {}, reads and /ws to {}", port, commandApi, queryApis);
        return new EmbeddedGateway(server, port);
    }

    /**
     * An exchange that ends {@value #SLOW_ANSWER_MILLIS} ms or more after the gateway took it is logged (method, path,
     * status, time; never a body or a query): with the service's own request log it tells where a client's wait went.
     */
    private static void logIfSlow(HttpServerExchange exchange) {
        long start = System.nanoTime();
        exchange.addExchangeCompleteListener((done, next) -> {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis >= SLOW_ANSWER_MILLIS) {
                log.warn("{} {} answered {} after {} ms", done.getRequestMethod(), done.getRequestPath(),
                        done.getStatusCode(), millis);
            }
            next.proceed();
        });
    }

    private static HttpHandler route(HttpServerExchange exchange, HttpHandler command, HttpHandler query,
                                     HttpHandler web) {
        String path = exchange.getRequestPath();
        if (path.startsWith("/api/")) {
            return READS.contains(exchange.getRequestMethod().toString()) ? query : command;
        }
        if (isWebSocket(exchange)) {
            return query;
        }
        if (path.equals("/.well-known/jwks.json")) {
            return command;
        }
        if (path.equals("/v3/api-docs") || path.equals("/v3/api-docs/swagger-config")) {
            return EmbeddedGateway::apiDocsIndex;
        }
        if (path.equals("/v3/api-docs/command-api")) {
            return at("/v3/api-docs", command);
        }
        if (path.equals("/v3/api-docs/query-api")) {
            return at("/v3/api-docs", query);
        }
        if (path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/")) {
            return command;
        }
        if (path.startsWith("/actuator") || path.startsWith("/.well-known/")) {
            return EmbeddedGateway::notFound;
        }
        return web;
    }

    /** The built files; hashed assets are cached for good, everything else (index.html) is revalidated. */
    private static HttpHandler webApp(Path root) {
        ResourceHandler files = new ResourceHandler(new PathResourceManager(root), EmbeddedGateway::notFound)
                .setWelcomeFiles("index.html")
                .setDirectoryListingEnabled(false);
        return exchange -> {
            if (!READS.contains(exchange.getRequestMethod().toString())) {
                exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
                exchange.endExchange();
                return;
            }
            var headers = exchange.getResponseHeaders();
            headers.put(HttpString.tryFromString("Content-Security-Policy"), CONTENT_SECURITY_POLICY);
            headers.put(HttpString.tryFromString("X-Content-Type-Options"), "nosniff");
            headers.put(HttpString.tryFromString("Referrer-Policy"), "no-referrer");
            headers.put(Headers.CACHE_CONTROL, exchange.getRequestPath().startsWith("/assets/")
                    ? "public, max-age=31536000, immutable" : "no-cache");
            files.handleRequest(exchange);
        };
    }

    /** Passes the request on as one for {@code path} (the query string stays). */
    private static HttpHandler at(String path, HttpHandler next) {
        return exchange -> {
            exchange.setRequestURI(path);
            exchange.setRequestPath(path);
            exchange.setRelativePath(path);
            next.handleRequest(exchange);
        };
    }

    private static void apiDocsIndex(HttpServerExchange exchange) {
        if (!READS.contains(exchange.getRequestMethod().toString())) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.endExchange();
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(API_DOCS_INDEX_BYTES));
    }

    private static void notFound(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.NOT_FOUND);
        exchange.endExchange();
    }

    private static boolean isWebSocket(HttpServerExchange exchange) {
        String path = exchange.getRequestPath();
        return path.equals("/ws") || path.startsWith("/ws/");
    }

    /** A client that trickles its body (or a service that never answers) holds a request no longer than this. */
    private static void closeUnlessCompleteWithin(HttpServerExchange exchange, Duration time) {
        XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(() -> {
            if (!exchange.isComplete()) {
                IoUtils.safeClose(exchange.getConnection());
            }
        }, time.toMillis(), TimeUnit.MILLISECONDS);
        exchange.addExchangeCompleteListener((completed, next) -> {
            deadline.remove();
            next.proceed();
        });
    }

    /**
     * A chunked body has no length to check up front: it is read here, up to the limit, and passed on only when
     * complete (a service that stops reading at its limit would leave the proxy with a 500 or 503 to answer).
     */
    private static HttpHandler bufferedUpTo(long limit, HttpHandler next) {
        return exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestReceiver().receivePartialBytes((partial, bytes, last) -> {
                if (partial.isResponseStarted()) {
                    return;
                }
                if (body.size() + bytes.length > limit) {
                    partial.getRequestReceiver().pause();
                    tooLarge(partial);
                    return;
                }
                body.writeBytes(bytes);
                if (!last) {
                    return;
                }
                Connectors.ungetRequestBytes(partial, new ImmediatePooledByteBuffer(ByteBuffer.wrap(body.toByteArray())));
                Connectors.resetRequestChannel(partial);
                try {
                    // already inside the receiver's run of a root handler: starting another would end the exchange
                    next.handleRequest(partial);
                } catch (Exception e) {
                    IoUtils.safeClose(partial.getConnection());
                }
            }, (failed, error) -> IoUtils.safeClose(failed.getConnection()));
        };
    }

    /**
     * The proxy's own answer when a service is down, its connection broke, or it did not answer within the answer
     * time (Undertow ends the exchange with a bodiless 503 or 504) as a 503 problem with {@code Retry-After}, as
     * the services answer when they cannot take a request: the request may have been carried out, and repeating it
     * is safe (a send with the same clientMessageId).
     */
    private static boolean unavailable(HttpServerExchange exchange) {
        int status = exchange.getStatusCode();
        if ((status != StatusCodes.SERVICE_UNAVAILABLE && status != StatusCodes.GATEWAY_TIME_OUT)
                || !exchange.isResponseChannelAvailable()) {
            return false;
        }
        exchange.setStatusCode(StatusCodes.SERVICE_UNAVAILABLE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json");
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        // Undertow closes this client connection when the service's late answer (or failure) comes in: a client
        // that sent its next request on it would lose that one. So this connection ends with this answer.
        exchange.setPersistent(false);
        exchange.getResponseSender().send(ByteBuffer.wrap(UNAVAILABLE));
        return true;
    }

    private static void tooLarge(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.REQUEST_ENTITY_TOO_LARGE);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/problem+json");
        // The body is not read: the connection closes after the answer.
        exchange.setPersistent(false);
        exchange.getResponseSender().send(ByteBuffer.wrap(TOO_LARGE));
    }

    /**
     * Undertow's default is one I/O thread per core, two here; every client connection, WebSocket and service
     * connection is served by one of them, in the JVM that also runs the wire server and the broker. When JVMs start
     * beside a loaded stack (load 15 on two cores), two threads fall behind: the fault suite saw hundreds of requests
     * and answers unread in their sockets for seconds while the services answered within 0.3 s (docs/reliability.md).
     */
    static final int IO_THREADS = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
    private static final int CONNECTIONS_PER_IO_THREAD = 256;
    private static final long SLOW_ANSWER_MILLIS = 5_000;
    private static final int QUEUED_REQUESTS = 1024;
    /** The largest answer body held until whole (an API answer is a few KB; Swagger UI's script is larger). */
    private static final int WHOLE_ANSWER_BYTES = 1024 * 1024;

    /**
     * {@code whole}: a service's answer is passed on only once it is whole ({@link WholeAnswers}), so that a service
     * killed in the middle of its answer, or an answer time running out in the middle of it, is the gateway's 503
     * and not a connection closed on the client; attachments (up to 25 MB) are passed on as they come.
     */
    private static HttpHandler proxyTo(List<URI> instances, Duration requestTime, boolean whole) {
        // Undertow's defaults (10 connections per IO thread, no queue) answer a bodiless 503 for the 21st request in
        // flight on two cores, before the service is even asked (found by the fault suite, docs/reliability.md): let
        // the service decide (it answers 503 OVERLOADED with Retry-After itself). A service found down is tried
        // again after 1 s, not 10, so a restarted one is used as soon as it is up. With several instances, a request
        // whose connection is refused is tried once more, on the next instance (Undertow's default of one retry).
        LoadBalancingProxyClient client = new LoadBalancingProxyClient()
                .setConnectionsPerThread(CONNECTIONS_PER_IO_THREAD)
                .setMaxQueueSize(QUEUED_REQUESTS)
                .setProblemServerRetry(1);
        instances.forEach(client::addHost);
        return ProxyHandler.builder()
                .setProxyClient(whole ? new WholeAnswers(client, WHOLE_ANSWER_BYTES) : client)
                .setMaxRequestTime(Math.toIntExact(requestTime.toMillis()))
                .setRewriteHostHeader(false)
                .setNext(EmbeddedGateway::notFound)
                .build();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "gateway on 127.0.0.1:" + port;
    }
}
