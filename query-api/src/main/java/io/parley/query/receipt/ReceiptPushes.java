package io.parley.query.receipt;

import java.util.List;

import io.parley.query.conversation.ConversationAccess;
import io.parley.query.live.LiveChangeBus;
import io.parley.query.live.Pushes;
import io.parley.query.live.UserEventFrames.ReceiptUpdated;
import org.springframework.stereotype.Component;

/**
 * On every instance, sends the read markers {@link ReceiptProjection} moved as {@code receipt.updated} to the
 * members' user queues and the conversation's receipts subscribers here, and ends a removed member's receipts
 * subscriptions. Reads nothing when nobody here listens.
 */
@Component
class ReceiptPushes {

    private final Pushes pushes;
    private final ConversationAccess conversations;

    ReceiptPushes(Pushes pushes, ConversationAccess conversations, LiveChangeBus changes) {
        this.pushes = pushes;
        this.conversations = conversations;
        changes.on(ReceiptMoved.class, this::moved);
        changes.on(ReceiptsEnded.class, ended -> pushes.removed(ended.conversationId(), ended.userId()));
    }

    void moved(ReceiptMoved moved) {
        if (!pushes.anyListening() && !pushes.anyReceipts(moved.conversationId())) {
            return;
        }
        var summary = conversations.summaries(List.of(moved.conversationId())).get(moved.conversationId());
        List<String> members = summary == null ? List.of() : summary.memberIds();
        ReceiptUpdated receipt = new ReceiptUpdated(moved.conversationId(), moved.userId(), moved.lastReadSeq());
        members.forEach(userId -> pushes.toUser(userId, receipt));
        pushes.toReceipts(moved.conversationId(), members, receipt);
    }
}
