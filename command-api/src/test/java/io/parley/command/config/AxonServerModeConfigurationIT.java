package io.parley.command.config;

import io.parley.kernel.testing.AxonModeAssertions;
import io.parley.kernel.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The axonserver profile wires Axon Server's event store and buses; no server needs to run (docs/pitfalls.md 8). */
@SpringBootTest(properties = {
        "parley.data-dir=target/it-data",
        "axon.axonserver.servers=127.0.0.1:1"
})
@ActiveProfiles("axonserver")
class AxonServerModeConfigurationIT {

    @Autowired
    ApplicationContext context;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestInfrastructure.postgresUrl("parley_command_axonserver_it"));
        registry.add("spring.datasource.username", TestInfrastructure::postgresUser);
        registry.add("spring.datasource.password", TestInfrastructure::postgresPassword);
    }

    @Test
    void axonServerProfile_routesEventsCommandsAndQueriesThroughAxonServer() {
        AxonModeAssertions.assertAxonServerMode(context);
    }
}
