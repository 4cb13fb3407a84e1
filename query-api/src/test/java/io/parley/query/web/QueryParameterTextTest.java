package io.parley.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

import io.parley.kernel.testing.Controllers;
import io.parley.kernel.text.PlainText;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestParam;

/** Every text query parameter of query-api is held to the text rules (docs/api.md, "Text"), as request bodies are. */
class QueryParameterTextTest {

    @Test
    void everyTextQueryParameter_isPlainText() throws Exception {
        List<String> checked = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (Method method : Controllers.methods("io.parley.query")) {
            for (Parameter parameter : method.getParameters()) {
                if (parameter.isAnnotationPresent(RequestParam.class) && parameter.getType() == String.class) {
                    String name = method.getDeclaringClass().getSimpleName() + "." + parameter.getName();
                    checked.add(name);
                    if (!parameter.isAnnotationPresent(PlainText.class)) {
                        unchecked.add(name);
                    }
                }
            }
        }

        assertThat(checked).as("text query parameters found").hasSizeGreaterThanOrEqualTo(4);
        assertThat(unchecked).as("text query parameters without @PlainText").isEmpty();
    }
}
