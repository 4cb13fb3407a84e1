package io.parley.kernel.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.parley.kernel.contact.ContactIds;
import org.junit.jupiter.api.Test;

class ConversationIdsTest {

    @Test
    void directId_isTheSameWhicheverUserOpensIt() {
        assertThat(ConversationIds.direct("ada", "bob")).isEqualTo(ConversationIds.direct("bob", "ada"));
    }

    @Test
    void directId_differsPerPair() {
        assertThat(ConversationIds.direct("ada", "bob")).isNotEqualTo(ConversationIds.direct("ada", "cy"));
        assertThat(ConversationIds.direct("ab", "c")).isNotEqualTo(ConversationIds.direct("a", "bc"));
    }

    @Test
    void directId_isANameBasedUuid_unlikeUserIds_andUnlikeThePairsContactId() {
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();

        String direct = ConversationIds.direct(ada, bob);

        assertThat(UUID.fromString(direct).version()).isEqualTo(3);
        assertThat(direct).isNotEqualTo(ContactIds.pair(ada, bob));
        assertThat(ContactIds.pair(ada, bob)).isEqualTo(ContactIds.pair(bob, ada));
    }
}
