package io.parley.query.live;

import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.message.MessageBacklog;
import io.parley.kernel.message.MessageChange;
import io.parley.kernel.message.StreamMessagesQuery;
import io.parley.query.conversation.ConversationAccess;
import io.parley.query.message.MessageReader;
import io.parley.query.web.ErrorCodeException;
import io.parley.query.web.Queries;
import io.parley.query.web.ReadYourWrites;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;

/**
 * Starts a {@link MessageStream}: waits for {@code X-Min-Position}, checks membership, opens the subscription query
 * (which registers for updates before its initial result is read), delivers the backlog page by page, then goes live
 * and confirms with a RECEIPT when the client asked for one.
 */
@Component
class MessageStreams {

    private final QueryGateway queries;
    private final ConversationAccess access;
    private final ReadYourWrites readYourWrites;
    private final LiveWork work;
    private final StompFrames frames;
    private final LiveProperties properties;
    private final MessageReader messages;

    MessageStreams(QueryGateway queries, ConversationAccess access, ReadYourWrites readYourWrites, LiveWork work,
                   StompFrames frames, LiveProperties properties, MessageReader messages) {
        this.queries = queries;
        this.access = access;
        this.readYourWrites = readYourWrites;
        this.work = work;
        this.frames = frames;
        this.properties = properties;
        this.messages = messages;
    }

    void start(MessageStream stream, String minPosition, String receipt) {
        LiveSession session = stream.session();
        work.submit(session, () -> {
            try {
                run(stream, minPosition, receipt);
            } catch (RuntimeException e) {
                session.remove(stream);
                stream.cancel();
                throw e;
            }
        });
    }

    private void run(MessageStream stream, String minPosition, String receipt) {
        LiveSession session = stream.session();
        if (minPosition != null) {
            readYourWrites.await(minPosition);
        }
        access.requireMember(stream.conversationId(), session.userId());
        long sinceSeq = stream.lastSeq();
        int pageSize = properties.backlogPageSize();
        SubscriptionQueryResult<MessageBacklog, MessageChange> result = queries.subscriptionQuery(
                new StreamMessagesQuery(session.userId(), stream.conversationId(), sinceSeq, pageSize),
                ResponseTypes.instanceOf(MessageBacklog.class), ResponseTypes.instanceOf(MessageChange.class));
        if (!stream.attach(result)) {
            return;
        }
        MessageBacklog page = Queries.await(result.initialResult().toFuture());
        if (sinceSeq > 0 && page.lastSeq() == sinceSeq && !messages.exists(stream.conversationId(), sinceSeq)) {
            throw new ErrorCodeException(ErrorCode.SEQ_OUT_OF_RANGE, "since-seq " + sinceSeq + " is beyond the last "
                    + "message of the conversation; subscribe with the last seq you received (right after a send "
                    + "of yours, with its X-Position as X-Min-Position).");
        }
        while (stream.backlog(page) && !page.complete()) {
            if (page.lastSeq() - sinceSeq >= properties.backlogLimit()) {
                throw new ErrorCodeException(ErrorCode.SEQ_OUT_OF_RANGE, "More than " + properties.backlogLimit()
                        + " messages follow since-seq " + sinceSeq + "; read the history with GET /api/v1/"
                        + "conversations/{id}/messages?afterSeq= and subscribe with a later since-seq.");
            }
            page = Queries.await(queries.query(new StreamMessagesQuery(session.userId(), stream.conversationId(),
                    page.lastSeq(), pageSize), ResponseTypes.instanceOf(MessageBacklog.class)));
        }
        if (stream.goLive() && receipt != null) {
            frames.receipt(session, receipt);
        }
    }
}
