package io.parley.localstack;

import java.net.URI;
import java.util.Set;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of the local stack (docs/api.md: port 8080), a reverse proxy in this JVM (Undertow), routing as
 * {@code deploy/gateway/nginx.conf} does for the compose stack: {@code /api/**} reads (GET, HEAD) to query-api and
 * every other method to command-api, {@code /.well-known/jwks.json} to command-api, and {@code /ws} (WebSocket
 * upgrade included) to query-api. Anything else is 404. It adds {@code X-Forwarded-For/-Proto/-Host}.
 */
public final class EmbeddedGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedGateway.class);
    private static final Set<String> READS = Set.of(Methods.GET_STRING, Methods.HEAD_STRING);
    /** A request (a long poll, a slow write) may take this long; WebSocket sessions are not bounded by it. */
    private static final int MAX_REQUEST_MILLIS = 120_000;

    private final Undertow server;
    private final int port;

    private EmbeddedGateway(Undertow server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedGateway start(int port, URI commandApi, URI queryApi) {
        HttpHandler command = proxyTo(commandApi);
        HttpHandler query = proxyTo(queryApi);
        HttpHandler routes = exchange -> route(exchange, command, query).handleRequest(exchange);
        Undertow server = Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(routes)
                .build();
        server.start();
        log.info("Gateway on 127.0.0.1:{}: writes to {}, reads and /ws to {}", port, commandApi, queryApi);
        return new EmbeddedGateway(server, port);
    }

    private static HttpHandler route(HttpServerExchange exchange, HttpHandler command, HttpHandler query) {
        String path = exchange.getRequestPath();
        if (path.startsWith("/api/")) {
            return READS.contains(exchange.getRequestMethod().toString()) ? query : command;
        }
        if (path.equals("/ws") || path.startsWith("/ws/")) {
            return query;
        }
        if (path.equals("/.well-known/jwks.json")) {
            return command;
        }
        return EmbeddedGateway::notFound;
    }

    private static void notFound(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.NOT_FOUND);
        exchange.endExchange();
    }

    private static HttpHandler proxyTo(URI service) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient().addHost(service);
        return ProxyHandler.builder()
                .setProxyClient(client)
                .setMaxRequestTime(MAX_REQUEST_MILLIS)
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
