package io.parley.notification;

import io.parley.kernel.testing.ApiContract;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * notification-handler serves operations endpoints only; a REST route added to it must be listed in docs/api.md
 * (with service notification-handler) and the other way round.
 */
class ApiContractIT extends NotificationHandlerIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void registeredRoutes_areExactlyTheContractsNotificationHandlerRoutes() {
        ApiContract.assertServiceMatches("notification-handler", mapping);
    }
}
