package io.parley.notification;

import io.parley.kernel.testing.HttpTimeouts;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Slow clients are timed out on the operations port as on command-api's (issue 14, finding 5). */
class SlowClientsIT extends NotificationHandlerIntegrationTest {

    @Autowired
    private WebServerApplicationContext context;

    @Test
    void slowClients_areTimedOut_likeOnCommandApi() {
        HttpTimeouts.assertSlowClientsAreTimedOut(context);
    }
}
