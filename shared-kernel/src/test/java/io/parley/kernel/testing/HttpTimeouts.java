package io.parley.kernel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * Every service times out slow clients as command-api does (docs/api.md, "Limits"): 10 s for each read of a request
 * (a client trickling its headers or body, or silent, is closed), 60 s for an idle kept-alive connection.
 */
public final class HttpTimeouts {

    private HttpTimeouts() {
    }

    public static void assertSlowClientsAreTimedOut(WebServerApplicationContext context) {
        Connector connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();

        assertThat(connector.getProperty("connectionTimeout")).isEqualTo(10_000);
        assertThat(connector.getProperty("keepAliveTimeout")).isEqualTo(60_000);
    }
}
