package io.parley.query.web;

import io.parley.kernel.testing.ApiContract;
import io.parley.query.support.QueryApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** docs/api.md lists every route query-api registers, and query-api registers every route it lists for it. */
class ApiContractIT extends QueryApiIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void registeredRoutes_areExactlyTheContractsQueryApiRoutes() {
        ApiContract.assertServiceMatches("query-api", mapping);
    }
}
