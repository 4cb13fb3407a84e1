package io.parley.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

class HistoryAsReplayTokenStoreTest {

    private static StreamableMessageSource<TrackedEventMessage<?>> storeWithHead(TrackingToken head) {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
                throw new UnsupportedOperationException();
            }

            @Override
            public TrackingToken createTailToken() {
                return null;
            }

            @Override
            public TrackingToken createHeadToken() {
                return head;
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void firstStart_onExistingHistory_replaysUpToTheHead_soNotifiersSkipThePast() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        HistoryAsReplayTokenStore store = new HistoryAsReplayTokenStore(tokens, storeWithHead(new GlobalSequenceTrackingToken(41)));

        store.initializeTokenSegments("notifications", 1, null);

        TrackingToken token = tokens.fetchToken("notifications", 0);
        assertThat(token).isInstanceOf(ReplayToken.class);
        assertThat(ReplayToken.isReplay(token)).isTrue();
        assertThat(((ReplayToken) token).getTokenAtReset()).isEqualTo(new GlobalSequenceTrackingToken(41));
    }

    @Test
    void firstStart_onAnEmptyEventStore_startsAtTheBeginning_withoutReplay() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        HistoryAsReplayTokenStore store = new HistoryAsReplayTokenStore(tokens, storeWithHead(null));

        store.initializeTokenSegments("notifications", 1, null);

        assertThat(tokens.fetchToken("notifications", 0)).isNull();
        assertThat(store.fetchSegments("notifications")).containsExactly(0);
    }

    @Test
    void laterTokens_areStoredAsTheProcessorGivesThem() {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        HistoryAsReplayTokenStore store = new HistoryAsReplayTokenStore(tokens, storeWithHead(new GlobalSequenceTrackingToken(41)));
        store.initializeTokenSegments("notifications", 1, null);

        store.fetchToken("notifications", 0);
        store.storeToken(new GlobalSequenceTrackingToken(50), "notifications", 0);

        assertThat(tokens.fetchToken("notifications", 0)).isEqualTo(new GlobalSequenceTrackingToken(50));
    }
}
