package io.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parley.kernel.testing.ApiContract;
import io.parley.kernel.testing.ApiContract.DocumentedRoute;
import io.parley.kernel.testing.ApiContract.Route;
import org.junit.jupiter.api.Test;

/** docs/requests.http only calls routes docs/api.md lists, so the walk-through cannot drift from the contract. */
class RequestsFileTest {

    private static final Pattern REQUEST = Pattern.compile("(?m)^(GET|POST|PUT|PATCH|DELETE) \\{\\{base}}(/[^?\\s]*)");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{[^}]*}}");

    @Test
    void everyRequest_isARouteOfTheContract() throws IOException {
        String requests = Files.readString(ApiContract.file().resolveSibling("requests.http"));
        Set<Route> contract = new TreeSet<>();
        ApiContract.documented(ApiContract.text()).stream().map(DocumentedRoute::route).forEach(contract::add);
        List<Route> called = new ArrayList<>();
        Matcher request = REQUEST.matcher(requests);
        while (request.find()) {
            String path = VARIABLE.matcher(request.group(2)).replaceAll("{}")
                    .replaceAll("/reactions/[^/]+$", "/reactions/{}");
            called.add(Route.of(request.group(1), path));
        }

        assertThat(called).hasSizeGreaterThan(20);
        assertThat(contract).containsAll(called);
    }
}
