package io.parley.command.web;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.testing.ApiContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** docs/api.md lists every route command-api registers, and command-api registers every route it lists for it. */
class ApiContractIT extends CommandApiIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void registeredRoutes_areExactlyTheContractsCommandApiRoutes() {
        ApiContract.assertServiceMatches("command-api", mapping);
    }
}
