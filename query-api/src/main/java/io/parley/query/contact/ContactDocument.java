package io.parley.query.contact;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The relationship of one pair of users, keyed by the pair id (which is also the id of its pending request):
 * {@code PENDING} from {@code requesterId} to {@code recipientId}, {@code CONTACTS}, or {@code NONE}; and who of the
 * two blocks the other now ({@code blocks}, none, one or both; null in documents written before blocks were kept).
 */
@Document(ContactDocument.COLLECTION)
record ContactDocument(@Id String id, List<String> userIds, State state, String requesterId, String recipientId,
                       Instant requestedAt, Instant since, List<Block> blocks, long sequence) {

    record Block(String blockerId, String blockedId, Instant blockedAt) {
    }

    List<Block> blocksOrNone() {
        return blocks == null ? List.of() : blocks;
    }

    static final String COLLECTION = "contacts";
    static final String USER_IDS = "userIds";
    static final String STATE = "state";
    static final String REQUESTER_ID = "requesterId";
    static final String RECIPIENT_ID = "recipientId";
    static final String REQUESTED_AT = "requestedAt";
    static final String SINCE = "since";
    static final String BLOCKS = "blocks";
    static final String BLOCKER_ID = BLOCKS + ".blockerId";
    static final String SEQUENCE = "sequence";

    enum State {
        PENDING,
        CONTACTS,
        NONE
    }
}
