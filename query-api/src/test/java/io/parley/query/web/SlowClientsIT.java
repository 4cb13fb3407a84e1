package io.parley.query.web;

import io.parley.kernel.testing.HttpTimeouts;
import io.parley.query.support.QueryApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** Slow clients are timed out on query-api as on command-api (issue 14, finding 5); WebSockets are not bound by it. */
class SlowClientsIT extends QueryApiIntegrationTest {

    @Autowired
    private WebServerApplicationContext context;

    @Test
    void slowClients_areTimedOut_likeOnCommandApi() {
        HttpTimeouts.assertSlowClientsAreTimedOut(context);
    }
}
