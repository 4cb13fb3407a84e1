package io.parley.kernel.message;

import java.time.Instant;

import io.parley.kernel.privacy.DataSubject;
import io.parley.kernel.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** The author replaced the text of a message; the previous versions live in the events and the edit history. */
@Revision("1")
public record MessageEditedEvent(String conversationId, String messageId, long seq, @DataSubject String editorId,
                                 @PersonalData String text, Instant editedAt) implements MessageEvent {

    /**
     * What an edit of an erased author reads as (docs/adr/0007): a deletion for everyone, which read models apply
     * in place of an edit whose text is {@link io.parley.kernel.privacy.Erased}.
     */
    public MessageDeletedEvent asDeletion() {
        return new MessageDeletedEvent(conversationId, messageId, seq, editorId, editedAt);
    }
}
