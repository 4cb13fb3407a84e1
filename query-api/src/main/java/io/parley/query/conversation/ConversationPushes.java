package io.parley.query.conversation;

import java.util.ArrayList;
import java.util.List;

import io.parley.kernel.conversation.ConversationView;
import io.parley.kernel.conversation.FindConversationQuery;
import io.parley.kernel.error.DomainException;
import io.parley.query.live.LiveChangeBus;
import io.parley.query.live.Pushes;
import io.parley.query.live.UserEventFrames.ConversationUpdated;
import io.parley.query.live.UserEventFrames.MemberAdded;
import io.parley.query.live.UserEventFrames.MemberRemoved;
import io.parley.query.web.Queries;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * On every instance, tells the members connected here of the membership and detail changes
 * {@link ConversationProjection} committed: {@code member.added}, {@code member.removed} (to the removed member
 * too) and {@code conversation.updated} with the details as {@code GET /conversations/{id}} shows them.
 */
@Component
class ConversationPushes {

    private final Pushes pushes;
    private final QueryGateway queries;

    ConversationPushes(Pushes pushes, QueryGateway queries, LiveChangeBus changes) {
        this.pushes = pushes;
        this.queries = queries;
        changes.on(MembershipChanged.class, this::membership);
        changes.on(ConversationChanged.class, this::changed);
    }

    void membership(MembershipChanged change) {
        if (!pushes.anyListening()) {
            return;
        }
        List<String> told = new ArrayList<>(change.memberIds());
        if (!told.contains(change.userId())) {
            told.add(change.userId());
        }
        Object frame = change.added()
                ? new MemberAdded(change.conversationId(), change.userId(), change.role(), change.by())
                : new MemberRemoved(change.conversationId(), change.userId(), change.by(), change.left());
        told.forEach(userId -> pushes.toUser(userId, frame));
    }

    void changed(ConversationChanged change) {
        List<String> here = change.memberIds().stream().filter(pushes::listening).toList();
        if (here.isEmpty()) {
            return;
        }
        ConversationView details;
        try {
            details = Queries.await(queries.query(new FindConversationQuery(here.getFirst(), change.conversationId()),
                    ConversationView.class));
        } catch (DomainException e) {
            return;
        }
        here.forEach(userId -> pushes.toUser(userId, new ConversationUpdated(details)));
    }
}
