package io.parley.command.conversation;

import java.util.List;
import java.util.Optional;

import io.parley.kernel.message.Attachment;

/**
 * Per-message facts the Conversation aggregate checks, kept out of its state so that loading a conversation does
 * not grow with its history. Written in the transaction that appends the events; rebuildable from them.
 */
interface MessageLedger {

    /** The message this sender sent with this client message id, in whichever conversation. */
    Optional<RecordedMessage> findByClientMessageId(String senderId, String clientMessageId);

    /** The message, if it was sent in this conversation. */
    Optional<RecordedMessage> find(String conversationId, String messageId);

    /**
     * Records a new message. False when the sender's client message id was recorded meanwhile by a concurrent
     * transaction (another instance handling a retry); a concurrent writer of the same seq fails the command with a
     * (transient, retryable) {@link org.axonframework.modelling.command.ConcurrencyException}.
     */
    boolean record(RecordedMessage message);

    /**
     * Claims the sender's unsent uploads to this conversation for the message, in the order given; their metadata.
     * Throws {@code INVALID_ATTACHMENT} unless every id is such an upload.
     */
    List<Attachment> claimAttachments(String conversationId, String senderId, String messageId,
                                      List<String> attachmentIds);

    /** Marks the message deleted for everyone, forgets its reactions and discards its attachments (their bytes go). */
    void markDeleted(String messageId);

    /** False when the user had already reacted to the message with this emoji. */
    boolean addReaction(String messageId, String userId, String emoji);

    /** False when there was no such reaction. */
    boolean removeReaction(String messageId, String userId, String emoji);
}
