package io.parley.notification;

import io.parley.kernel.testing.AxonModeAssertions;
import io.parley.kernel.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The axonserver profile wires Axon Server's store and buses; no server needs to run for the wiring. */
@SpringBootTest
@ActiveProfiles("axonserver")
class AxonServerModeIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgresUrl("parley_notification_it"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
        registry.add("axon.axonserver.servers", () -> "127.0.0.1:1");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void axonServerProfile_wiresAxonServerEventStoreCommandBusAndQueryBus() {
        AxonModeAssertions.assertAxonServerMode(context);
    }
}
