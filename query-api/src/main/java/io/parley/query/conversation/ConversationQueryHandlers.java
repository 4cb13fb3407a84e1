package io.parley.query.conversation;

import java.util.Map;

import io.parley.kernel.conversation.ConversationView;
import io.parley.kernel.conversation.FindConversationQuery;
import io.parley.kernel.conversation.MemberView;
import io.parley.query.user.UserDirectory;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Answers a conversation's details to its members, with display names joined from the user view. */
@Component
class ConversationQueryHandlers {

    private final MongoTemplate mongo;
    private final ConversationAccess access;
    private final UserDirectory users;

    ConversationQueryHandlers(MongoTemplate mongo, ConversationAccess access, UserDirectory users) {
        this.mongo = mongo;
        this.access = access;
        this.users = users;
    }

    @QueryHandler
    ConversationView handle(FindConversationQuery query) {
        access.requireMember(query.conversationId(), query.userId());
        ConversationDocument conversation = mongo.findById(query.conversationId(), ConversationDocument.class);
        if (conversation == null) {
            throw ConversationAccess.notFound(query.conversationId());
        }
        Map<String, UserDirectory.Person> people = users.find(conversation.memberIds());
        return new ConversationView(conversation.id(), conversation.type(), conversation.name(), conversation.topic(),
                conversation.createdAt(), conversation.members().stream()
                .map(m -> new MemberView(m.userId(), UserDirectory.displayName(people, m.userId()), m.role()))
                .toList(), conversation.archivedAt());
    }
}
