package io.parley.notification.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts {@code consumers} consumers per job handler once the broker is connected, each on its own channel with
 * the configured prefetch: a consumer handles one delivery at a time, and the prefetch keeps the next few at hand
 * without one instance hoarding a burst. Automatic recovery re-creates them after a connection failure. On
 * shutdown the consumers are cancelled and their in-flight jobs finish (bounded) before the channels close.
 */
final class JobWorkers implements Broker.Listener {

    private static final Logger log = LoggerFactory.getLogger(JobWorkers.class);
    private static final long DRAIN_MILLIS = 10_000;

    private final List<JobHandler> handlers;
    private final Broker broker;
    private final Topology topology;
    private final Deliveries deliveries;
    private final JsonMapper json;
    private final JobMetrics metrics;
    private final NotificationProperties properties;
    private final List<JobConsumer> running = new ArrayList<>();

    JobWorkers(List<JobHandler> handlers, Broker broker, Topology topology, Deliveries deliveries, JsonMapper json,
               JobMetrics metrics, NotificationProperties properties) {
        this.handlers = List.copyOf(handlers);
        this.broker = broker;
        this.topology = topology;
        this.deliveries = deliveries;
        this.json = json;
        this.metrics = metrics;
        this.properties = properties;
    }

    @Override
    public synchronized void connected(Connection connection) throws IOException {
        running.clear(); // consumers of an earlier attempt went with its connection
        for (JobHandler handler : handlers) {
            String queue = topology.queue(handler.channel());
            for (int i = 0; i < properties.consumers(); i++) {
                Channel channel = connection.createChannel();
                channel.basicQos(properties.prefetch());
                JobConsumer consumer = new JobConsumer(channel, handler, broker, topology, deliveries, json, metrics);
                channel.basicConsume(queue, false, "parley-" + handler.channel().key() + "-" + i, consumer);
                running.add(consumer);
            }
            log.info("Consuming {} with {} consumer(s), prefetch {}", queue, properties.consumers(), properties.prefetch());
        }
    }

    @Override
    public synchronized void stopping() {
        for (JobConsumer consumer : running) {
            try {
                consumer.getChannel().basicCancel(consumer.getConsumerTag());
            } catch (IOException | RuntimeException e) {
                // channel already closed: its unacked jobs are back in the queue
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        for (JobConsumer consumer : running) {
            while (!consumer.idle() && System.nanoTime() < deadline) {
                try {
                    TimeUnit.MILLISECONDS.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            try {
                consumer.getChannel().close();
            } catch (IOException | TimeoutException | RuntimeException e) {
                // closing anyway with the connection
            }
        }
        running.clear();
    }
}
