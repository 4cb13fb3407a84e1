package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.command.CommandApiIntegrationTest;
import io.parley.kernel.testing.ApiContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * docs/api.md lists every route command-api registers, and command-api registers every route it lists for it; its
 * OpenAPI document says what the contract says.
 */
class ApiContractIT extends CommandApiIntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mapping;

    @Test
    void registeredRoutes_areExactlyTheContractsCommandApiRoutes() {
        ApiContract.assertServiceMatches("command-api", mapping);
    }

    @Test
    void theOpenApiDocument_answersEveryContractRoute_withItsRealStatuses_problemDetails_andTheBearerScheme() {
        Response docs = call(HttpMethod.GET, "/v3/api-docs", null, null);

        assertThat(docs.status()).isEqualTo(200);
        ApiContract.assertOpenApiMatches("command-api", docs.json());
        JsonNode send = docs.json().path("paths").path("/api/v1/conversations/{conversationId}/messages").path("post");
        assertThat(send.path("responses").path("201").path("headers").has("X-Position")).isTrue();
        assertThat(send.path("security").toString()).contains("bearer");
        assertThat(docs.json().path("paths").path("/api/v1/auth/login").path("post").path("security").isEmpty())
                .as("login is public").isTrue();
    }
}
