package io.parley.query.live;

/** Something a session subscribed to; cancelled on UNSUBSCRIBE, on disconnect, or when it ends by itself. */
interface LiveSubscription {

    String id();

    void cancel();
}
