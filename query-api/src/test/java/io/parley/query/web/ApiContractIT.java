package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.kernel.testing.ApiContract;
import io.parley.query.support.QueryApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * docs/api.md lists every route query-api registers, and query-api registers every route it lists for it; its OpenAPI
 * document says what the contract says.
 */
class ApiContractIT extends QueryApiIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void registeredRoutes_areExactlyTheContractsQueryApiRoutes() {
        ApiContract.assertServiceMatches("query-api", mapping);
    }

    @Test
    void theOpenApiDocument_answersEveryContractRoute_withItsRealStatuses_problemDetails_andXMinPosition() {
        Response docs = get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        ApiContract.assertOpenApiMatches("query-api", docs.json());
        assertThat(docs.json().path("paths").path("/api/v1/conversations/{conversationId}/messages").path("get")
                .path("parameters").findValuesAsString("name")).contains("X-Min-Position");
    }
}
