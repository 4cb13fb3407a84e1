package io.parley.kernel.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.kernel.testing.ApiContract;
import io.parley.kernel.testing.ApiContract.DocumentedRoute;
import io.parley.kernel.testing.ApiContract.Route;
import org.junit.jupiter.api.Test;

/** docs/api.md lists every error code with the status every service answers it with, and nothing else. */
class ApiContractTest {

    private static final Pattern CODE_ROW = Pattern.compile("(?m)^\\| `([A-Z_]+)` \\| (\\d{3}) \\|");

    @Test
    void everyErrorCode_isDocumented_withItsStatus() {
        Map<String, Integer> documented = new LinkedHashMap<>();
        Matcher row = CODE_ROW.matcher(ApiContract.text());
        while (row.find()) {
            documented.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            actual.put(code.name(), code.kind().status());
        }
        assertThat(documented).containsExactlyInAnyOrderEntriesOf(actual);
    }

    @Test
    void contractRoutes_areRead_withServicesAndNormalisedVariables() {
        List<DocumentedRoute> routes = ApiContract.documented(ApiContract.text());

        assertThat(routes).anySatisfy(route -> {
            assertThat(route.route()).isEqualTo(Route.of("POST", "/api/v1/conversations/{x}/messages"));
            assertThat(route.services()).containsExactly("command-api");
        });
        assertThat(routes).anySatisfy(route -> {
            assertThat(route.route()).isEqualTo(Route.of("GET", "/api/v1/users"));
            assertThat(route.services()).containsExactly("query-api");
        });
        List<Route> all = new ArrayList<>(routes.stream().map(DocumentedRoute::route).toList());
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void aRouteRow_withoutAKnownService_isRefused() {
        String noColumn = """
                | method and path | answer |
                | --- | --- |
                | `GET /api/v1/things` | 200 |
                """;
        String typo = """
                | method and path | service | answer |
                | --- | --- | --- |
                | `GET /api/v1/things` | query-apu | 200 |
                """;
        assertThatThrownBy(() -> ApiContract.documented(noColumn)).hasMessageContaining("'service' column");
        assertThatThrownBy(() -> ApiContract.documented(typo)).hasMessageContaining("unknown service 'query-apu'");
    }
}
