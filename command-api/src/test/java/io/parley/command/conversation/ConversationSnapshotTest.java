package io.parley.command.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import io.parley.command.contact.JdbcBlockList;
import io.parley.command.testing.CommandDatabase;
import io.parley.kernel.conversation.AddMemberCommand;
import io.parley.kernel.conversation.ChangeMemberRoleCommand;
import io.parley.kernel.conversation.CreateGroupCommand;
import io.parley.kernel.conversation.MarkConversationReadCommand;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.message.AddReactionCommand;
import io.parley.kernel.message.EditMessageCommand;
import io.parley.kernel.message.SendMessageCommand;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/** Snapshots are written with the JSON serializer; they restore the whole state and stay small. */
class ConversationSnapshotTest {

    private static final Serializer SERIALIZER = Jackson3Serializer.builder().build();

    @Test
    void snapshot_restoresTheState_andHoldsNoMessageText() {
        String group = UUID.randomUUID().toString();
        String owner = UUID.randomUUID().toString();
        String admin = UUID.randomUUID().toString();
        String member = UUID.randomUUID().toString();
        String message = UUID.randomUUID().toString();
        AggregateTestFixture<Conversation> fixture = new AggregateTestFixture<>(Conversation.class);
        fixture.registerInjectableResource(new JdbcMessageLedger(CommandDatabase.dataSource()));
        fixture.registerInjectableResource(new JdbcBlockList(CommandDatabase.dataSource()));

        fixture.givenCommands(
                        new CreateGroupCommand(group, owner, "Team", Set.of(admin)),
                        new ChangeMemberRoleCommand(group, owner, admin, MemberRole.ADMIN),
                        new SendMessageCommand(group, admin, "client-1", message, "a secret plan", null, Set.of()),
                        new EditMessageCommand(group, admin, message, "a secret edited plan"),
                        new AddReactionCommand(group, owner, message, "🎉"),
                        new MarkConversationReadCommand(group, owner, 1))
                .when(new AddMemberCommand(group, owner, member))
                .expectState(conversation -> {
                    SerializedObject<byte[]> snapshot = SERIALIZER.serialize(conversation, byte[].class);
                    Conversation restored = SERIALIZER.deserialize(snapshot);

                    assertThat(restored).usingRecursiveComparison().isEqualTo(conversation);
                    assertThat(restored).extracting("members").asInstanceOf(InstanceOfAssertFactories.MAP)
                            .containsOnlyKeys(owner, admin, member);
                    assertThat(new String(snapshot.getData(), StandardCharsets.UTF_8))
                            .doesNotContain("secret", "🎉", "client-1", message);
                });
    }
}
