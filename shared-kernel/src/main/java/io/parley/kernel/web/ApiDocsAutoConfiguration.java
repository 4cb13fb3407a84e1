package io.parley.kernel.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;

/**
 * What the OpenAPI documents of command-api and query-api say beyond what springdoc infers, so they match
 * docs/api.md (ApiContractIT compares the success statuses): the bearer scheme (public routes without it),
 * RFC 9457 problem details for every 4xx and 5xx, {@code X-Position} on command answers, {@code X-Min-Position} on
 * query-api's GETs, and 204 for the handlers that answer no body.
 */
@AutoConfiguration
@ConditionalOnClass(OpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    static final String BEARER = "bearer";
    static final String PROBLEM = "ProblemDetail";
    /** The routes anyone may call (docs/api.md: "public"). */
    static final Set<String> PUBLIC = Set.of("/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
            "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm", "/.well-known/jwks.json");

    /** A handler returning {@code ResponseEntity<Void>} answers 204 unless it says otherwise (@ApiResponse). */
    @Bean
    OperationCustomizer noContentForVoidAnswers() {
        return (operation, handler) -> {
            ApiResponses responses = operation.getResponses();
            Type type = handler.getMethod().getGenericReturnType();
            boolean noBody = type instanceof ParameterizedType entity && entity.getRawType() == ResponseEntity.class
                    && entity.getActualTypeArguments()[0] == Void.class;
            if (noBody && responses != null && responses.size() == 1 && responses.containsKey("200")) {
                responses.remove("200");
                responses.addApiResponse("204", new ApiResponse().description("No Content"));
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer parleyApiDocs(@Value("${spring.application.name:parley}") String service) {
        return openApi -> {
            openApi.info(new Info().title("Parley " + service).version("v1").description(
                    "Parley's " + service + ". The contract, with every limit and error code, is docs/api.md in the "
                            + "repository; errors are RFC 9457 problem details with a stable `code`."));
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.components(components
                    .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT").description("The accessToken of POST /api/v1/auth/login"))
                    .addSchemas(PROBLEM, problemDetail()));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(service, path, method, operation)));
        };
    }

    private static void describe(String service, String path, PathItem.HttpMethod method, Operation operation) {
        operation.setSecurity(PUBLIC.contains(path) ? List.of() : List.of(new SecurityRequirement().addList(BEARER)));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        if (write && "command-api".equals(service) && !path.startsWith("/api/v1/auth/password-reset")) {
            responses.forEach((status, response) -> {
                if (status.startsWith("2")) {
                    response.addHeaderObject("X-Position", new Header().schema(new IntegerSchema().format("int64"))
                            .description("The event store's position after this command: pass it as X-Min-Position"));
                }
            });
        }
        if (!write && "query-api".equals(service)) {
            operation.addParametersItem(new HeaderParameter().name("X-Min-Position").required(false)
                    .schema(new IntegerSchema().format("int64"))
                    .description("Answer once the read models have reached this X-Position (at most 5 s, else 503 "
                            + "POSITION_NOT_REACHED)"));
        }
        Content problem = new Content().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
        responses.putIfAbsent("4XX", new ApiResponse().description("A problem with the request (see `code`)")
                .content(problem));
        responses.putIfAbsent("5XX", new ApiResponse()
                .description("A failure on the server's side, or 503 OVERLOADED / POSITION_NOT_REACHED with Retry-After")
                .content(problem));
    }

    private static Schema<?> problemDetail() {
        return new ObjectSchema().description("RFC 9457 problem details with Parley's stable code")
                .addProperty("type", new StringSchema().format("uri"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("For people; branch on code"))
                .addProperty("instance", new StringSchema().format("uri"))
                .addProperty("code", new StringSchema().example("VALIDATION_FAILED"))
                .addProperty("errors", new ObjectSchema().additionalProperties(new StringSchema())
                        .description("Field → message, for VALIDATION_FAILED"))
                .required(List.of("status", "code"));
    }

}
