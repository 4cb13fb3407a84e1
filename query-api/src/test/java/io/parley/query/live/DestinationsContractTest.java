package io.parley.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.MessageChangeType;
import io.parley.kernel.testing.ApiContract;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docs/asyncapi.yaml describes exactly the STOMP destinations and frame types the server accepts and sends. */
class DestinationsContractTest {

    private static final String ID = "0b6f1f1e-9d1c-4d7e-9a57-5b1f3c2d4e5f";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asyncApi() {
        try {
            return new Yaml().load(Files.readString(ApiContract.file().resolveSibling("asyncapi.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String key) {
        return (Map<String, Object>) ((Map<String, Object>) value).get(key);
    }

    /** Channel name → the server's action on it (send: clients subscribe; receive: clients SEND to it). */
    private static Map<String, String> actions(Map<String, Object> doc) {
        Map<String, String> actions = new TreeMap<>();
        map(doc, "operations").values().forEach(operation -> {
            String ref = (String) map(operation, "channel").get("$ref");
            actions.put(ref.substring(ref.lastIndexOf('/') + 1), (String) ((Map<?, ?>) operation).get("action"));
        });
        return actions;
    }

    @Test
    void everyChannel_isADestinationTheServerAccepts_forTheOperationsAction_andEveryDestinationIsAChannel() {
        Map<String, Object> doc = asyncApi();
        assertThat(doc.get("asyncapi")).isEqualTo("3.0.0");
        Map<String, String> actions = actions(doc);
        Set<Destinations.Kind> subscribable = EnumSet.noneOf(Destinations.Kind.class);
        boolean typingAccepted = false;
        for (Map.Entry<String, Object> channel : map(doc, "channels").entrySet()) {
            String address = ((String) ((Map<?, ?>) channel.getValue()).get("address")).replace("{conversationId}", ID);
            String action = actions.get(channel.getKey());
            assertThat(action).as("the operation on channel %s", channel.getKey()).isIn("send", "receive");
            if (action.equals("send")) {
                Destinations.Target target = Destinations.subscription(address);
                assertThat(target).as("SUBSCRIBE %s", address).isNotNull();
                subscribable.add(target.kind());
            } else {
                assertThat(Destinations.typingConversation(address)).as("SEND %s", address).isEqualTo(ID);
                typingAccepted = true;
            }
        }
        assertThat(subscribable).as("destinations the server accepts").containsExactlyInAnyOrder(
                Destinations.Kind.values());
        assertThat(typingAccepted).as("the typing SEND destination is a channel").isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMessageChannelsFrameTypes_areTheOnesTheServerSends() {
        Map<String, Object> messages = map(map(asyncApi(), "components"), "messages");
        Set<String> documented = new TreeSet<>((List<String>) map(map(map(messages.get("messageChange"), "payload"),
                "properties"), "type").get("enum"));
        documented.add((String) map(map(map(messages.get("memberRemoved"), "payload"), "properties"), "type")
                .get("const"));
        Set<String> sent = new HashSet<>();
        for (MessageChangeType type : MessageChangeType.values()) {
            sent.add(StompFrames.typeOf(new MessageChange(type, ID, null, 0)));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(sent);
    }
}
