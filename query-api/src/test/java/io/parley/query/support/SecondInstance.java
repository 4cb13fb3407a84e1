package io.parley.query.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.parley.query.QueryApiApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another query-api instance in this JVM, next to the tests' shared context: its own Spring context on a random
 * port and its own instance id, against the same PostgreSQL database, MongoDB wire server and RabbitMQ exchanges.
 * Its tracking processors find the segments claimed by the first instance, so it serves reads and sockets only.
 */
public final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private SecondInstance(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * Boots it once the shared context's processors have claimed every projection segment, so that this instance
     * is the one that owns none. {@code extraArguments}: {@code --name=value}, names not set here.
     */
    public static SecondInstance start(EventProcessingConfiguration shared, String... extraArguments) {
        await().atMost(Duration.ofSeconds(30)).until(() -> shared.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .allMatch(processor -> !processor.processingStatus().isEmpty()));
        // As command-line arguments: they take precedence over application.yml, as the test context's do.
        List<String> arguments = new ArrayList<>();
        QueryApiIntegrationTest.infrastructure()
                .forEach((name, value) -> arguments.add("--" + name + "=" + value.get()));
        arguments.add("--server.port=0");
        arguments.add("--logging.level.org.axonframework.eventhandling.TrackingEventProcessor=WARN");
        arguments.addAll(List.of(extraArguments));
        return new SecondInstance(new SpringApplicationBuilder(QueryApiApplication.class, PresenceRecorder.class)
                .run(arguments.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
