package io.parley.query.live;

import org.springframework.stereotype.Component;

/** Delivers typing signals to this instance's subscribers only. */
@Component
class LocalTypingPublisher implements TypingPublisher {

    private final TypingRelay relay;

    LocalTypingPublisher(TypingRelay relay) {
        this.relay = relay;
    }

    @Override
    public void publish(TypingSignal signal) {
        relay.deliver(signal);
    }
}
