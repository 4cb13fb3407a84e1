package io.parley.notification.job;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.kernel.amqp.BrokerConnection;
import io.parley.kernel.amqp.BrokerHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Wires the broker connection, the publisher and a worker per {@link JobHandler} bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class JobConfiguration {

    @Bean
    Topology notificationTopology(NotificationProperties properties) {
        return new Topology(properties.prefix(), properties.retryDelays(), properties.broker().flavour());
    }

    @Bean
    Broker notificationBroker(NotificationProperties properties, Topology topology) {
        return new Broker(properties.broker(), topology);
    }

    /**
     * Every {@link BrokerConnection.Listener} bean (the job workers, the presence consumer) is told of the
     * connection; added once all beans exist, before the broker starts, so listeners may depend on the broker.
     */
    @Bean
    SmartInitializingSingleton notificationBrokerListeners(Broker broker,
                                                           ObjectProvider<BrokerConnection.Listener> listeners) {
        return () -> listeners.orderedStream().forEach(broker::addListener);
    }

    @Bean
    JobMetrics notificationJobMetrics(MeterRegistry registry) {
        return new JobMetrics(registry);
    }

    @Bean
    Deliveries notificationDeliveries(MongoTemplate mongo, NotificationProperties properties) {
        return new Deliveries(mongo, properties.claimTimeout(), properties.deliveryRetention());
    }

    @Bean
    JobPublisher jobPublisher(Broker broker, Topology topology, JsonMapper json, JobMetrics metrics) {
        return new JobPublisher(broker, topology, json, metrics);
    }

    @Bean
    JobWorkers jobWorkers(List<JobHandler> handlers, Broker broker, Topology topology, Deliveries deliveries,
                          JsonMapper json, JobMetrics metrics, NotificationProperties properties) {
        return new JobWorkers(handlers, broker, topology, deliveries, json, metrics, properties);
    }

    /** Component "rabbit" of /actuator/health. */
    @Bean
    HealthIndicator rabbitHealthIndicator(Broker broker, Topology topology) {
        return new BrokerHealthIndicator(broker, "RabbitMQ is not connected; notifications wait",
                Map.of("exchange", topology.exchange()));
    }
}
