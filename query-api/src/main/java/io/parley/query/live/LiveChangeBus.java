package io.parley.query.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parley.query.fanout.FanoutTopic;
import io.parley.query.fanout.LiveFanout;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries the changes projections commit to the sockets of every query-api instance. A projection runs on one
 * instance (the one that claimed its segment); its subscribers are on all of them. So after the projection's unit
 * of work commits (the read model holds the change), its changes are handed, in order, to this instance's listeners
 * at once and, as one message per batch, to the other instances over the RabbitMQ fanout {@code <prefix>.changes},
 * whose listeners handle them when they arrive. Nothing polls and nothing reads a change back.
 * <p>
 * An instance that receives its own batch back ignores it. Without a broker, changes reach this instance only; a
 * message stream elsewhere that misses one notices the gap at the next message and asks its client to resubscribe.
 * <p>
 * Instances greet each other on the same exchange: a hello when their broker connection opens (every other instance
 * answers at once) and every {@code parley.live.peer-heartbeat}. An instance that has heard from no other one
 * within {@code parley.live.peer-window}, and did not connect within it either, is alone: it sends nothing.
 */
@Component
public class LiveChangeBus implements LiveChanges {

    private static final Logger log = LoggerFactory.getLogger(LiveChangeBus.class);
    private static final String PENDING = LiveChangeBus.class.getName() + ".pending";

    private final LiveFanout fanout;
    private final JsonMapper json;
    private final Map<String, Class<? extends LiveChange>> types = new ConcurrentHashMap<>();
    private final Map<Class<?>, List<Consumer<LiveChange>>> listeners = new ConcurrentHashMap<>();
    private final Counter published;
    private final Counter received;
    private final Peers peers;

    /** One instance alone, without a broker: changes reach this instance's listeners only. */
    public static LiveChangeBus local() {
        return new LiveChangeBus(null, JsonMapper.builder().build(), new SimpleMeterRegistry(), Duration.ofSeconds(15));
    }

    @Autowired
    LiveChangeBus(LiveFanout fanout, JsonMapper json, MeterRegistry meters,
                  @Value("${parley.live.peer-window:15s}") Duration peerWindow) {
        this.fanout = fanout;
        this.json = json;
        this.peers = new Peers(peerWindow);
        this.published = Counter.builder("parley.live.changes.published")
                .description("Committed read-model changes published by this instance's projections").register(meters);
        this.received = Counter.builder("parley.live.changes.received")
                .description("Changes received from the projections of other instances").register(meters);
        if (fanout != null) {
            fanout.onMessage(FanoutTopic.CHANGES, this::receive);
            fanout.onConnected(() -> {
                peers.connected(System.nanoTime());
                greet(Envelope.HELLO);
            });
        }
    }

    /** Tells the other instances this one is there; they answer a hello, not a heartbeat. */
    @Scheduled(fixedDelayString = "${parley.live.peer-heartbeat:5s}", initialDelayString = "${parley.live.peer-heartbeat:5s}")
    void heartbeat() {
        greet(Envelope.HEARTBEAT);
    }

    private void greet(String kind) {
        if (fanout != null) {
            // Without a broker there is nobody to greet: the send falls back to nothing.
            fanout.send(FanoutTopic.CHANGES, json.writeValueAsBytes(new Envelope(fanout.instanceId(), kind, List.of())),
                    () -> {
                    });
        }
    }

    /** Registers the listener of a change type (a feature's own), called on every instance for every such change. */
    @SuppressWarnings("unchecked")
    public <T extends LiveChange> void on(Class<T> type, Consumer<? super T> listener) {
        Class<? extends LiveChange> known = types.putIfAbsent(type.getSimpleName(), type);
        if (known != null && known != type) {
            throw new IllegalStateException("Two live change types are named " + type.getSimpleName());
        }
        listeners.computeIfAbsent(type, key -> new CopyOnWriteArrayList<>())
                .add(change -> listener.accept((T) change));
    }

    @Override
    public void publish(LiveChange change) {
        if (!CurrentUnitOfWork.isStarted()) {
            deliver(List.of(change));
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (ReplayToken.isReplay(unitOfWork.getMessage())) {
            return;
        }
        UnitOfWork<?> root = unitOfWork.root();
        List<LiveChange> pending = root.getOrComputeResource(PENDING, key -> {
            List<LiveChange> batch = new ArrayList<>();
            root.afterCommit(committed -> deliver(batch));
            return batch;
        });
        pending.add(change);
    }

    private void deliver(List<LiveChange> changes) {
        changes.forEach(this::dispatch);
        published.increment(changes.size());
        if (fanout != null && fanout.connected() && peers.anyOther(System.nanoTime())) {
            List<Envelope.Item> items = changes.stream()
                    .map(change -> new Envelope.Item(change.getClass().getSimpleName(), json.valueToTree(change)))
                    .toList();
            fanout.send(FanoutTopic.CHANGES, json.writeValueAsBytes(new Envelope(fanout.instanceId(), Envelope.CHANGES, items)), () -> {
            });
        }
    }

    private void receive(byte[] body) {
        Envelope envelope;
        try {
            envelope = json.readValue(body, Envelope.class);
        } catch (JacksonException e) {
            log.warn("Dropped a live change message that is not one: {}", e.getOriginalMessage());
            return;
        }
        if (envelope.instanceId() == null || fanout.instanceId().equals(envelope.instanceId())) {
            return;
        }
        peers.heard(envelope.instanceId(), System.nanoTime());
        if (Envelope.HELLO.equals(envelope.kind())) {
            greet(Envelope.HEARTBEAT);
        }
        if (envelope.changes() == null) {
            return;
        }
        for (Envelope.Item item : envelope.changes()) {
            Class<? extends LiveChange> type = types.get(item.type());
            if (type == null) {
                log.warn("Dropped a live change of unknown type {}", item.type());
                continue;
            }
            received.increment();
            dispatch(json.treeToValue(item.change(), type));
        }
    }

    private void dispatch(LiveChange change) {
        for (Consumer<LiveChange> listener : listeners.getOrDefault(change.getClass(), List.of())) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                log.warn("A {} listener failed: {}", change.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }

    /**
     * What crosses instances: the publishing instance, what it says ({@code changes}: a batch of changes, each with
     * its type's name; {@code hello} or {@code heartbeat}: it is there).
     */
    record Envelope(String instanceId, String kind, List<Item> changes) {

        static final String CHANGES = "changes";
        static final String HELLO = "hello";
        static final String HEARTBEAT = "heartbeat";

        record Item(String type, JsonNode change) {
        }
    }
}
