package io.parley.command.conversation;

import java.util.List;
import java.util.Set;

import io.parley.command.contact.JdbcBlockList;
import io.parley.command.testing.CommandDatabase;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.message.SendMessageCommand;
import io.parley.kernel.testing.OldEvents;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.Test;

/** A conversation stored before attachments existed (MessageSentEvent revision 1) loads and goes on. */
class ConversationOldEventsTest {

    @Test
    void aConversationOfRevision1Events_loadsThroughTheUpcaster_andTheNextMessageGetsTheNextSeq() throws Exception {
        AggregateTestFixture<Conversation> fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource(new JdbcMessageLedger(CommandDatabase.dataSource()));
        fixture.registerInjectableResource(new JdbcBlockList(CommandDatabase.dataSource()));
        List<Object> history = OldEvents.conversationRevision1().stream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();

        fixture.given(history)
                .when(new SendMessageCommand(OldEvents.CONVERSATION, OldEvents.BOB, "client-3-" + System.nanoTime(),
                        "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f", "Third", null, Set.of(OldEvents.ADA)))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.messageWithPayload(
                        Matchers.predicate((MessageSentEvent sent) -> sent.seq() == 3 && sent.attachments().isEmpty())),
                        Matchers.andNoMore()));
    }
}
