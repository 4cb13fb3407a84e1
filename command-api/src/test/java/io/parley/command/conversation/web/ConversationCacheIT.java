package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/** A conversation someone writes to stays loaded: the aggregate cache survives garbage collection. */
class ConversationCacheIT extends ConversationIntegrationTest {

    @Autowired
    @Qualifier("conversationCache")
    Cache conversationCache;

    @Test
    void aConversationWrittenTo_staysCached_acrossGarbageCollections() {
        Actor owner = signUp("owner");
        Actor ada = signUp("ada");
        String id = createGroupResponse(owner, "Cached", ada).json().get("conversationId").asString();

        Response sent = post(conversation(id) + "/messages",
                Map.of("clientMessageId", UUID.randomUUID().toString(), "text", "hello"), ada.token());
        assertThat(sent.status()).isEqualTo(201);
        System.gc();

        assertThat(conversationCache.containsKey(id)).isTrue();
    }
}
