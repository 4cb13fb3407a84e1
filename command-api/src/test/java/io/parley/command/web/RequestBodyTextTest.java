package io.parley.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.parley.kernel.testing.Controllers;
import io.parley.kernel.text.PlainText;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestBody;

/** Every string of every request body of command-api is held to the text rules (docs/api.md, "Text"). */
class RequestBodyTextTest {

    /** Checked against a hash only, never stored: a password set before the rule existed must still log in. */
    private static final Set<String> EXEMPT = Set.of("LoginRequest.password", "ChangePasswordRequest.currentPassword");

    @Test
    void everyStringInEveryRequestBody_isPlainText() throws Exception {
        List<String> unchecked = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        for (Method method : Controllers.methods("io.parley.command")) {
            for (Parameter parameter : method.getParameters()) {
                if (parameter.isAnnotationPresent(RequestBody.class)) {
                    check(parameter.getType(), checked, unchecked);
                }
            }
        }

        assertThat(checked).as("request body strings found").hasSizeGreaterThan(20);
        assertThat(unchecked).as("strings of request bodies without @PlainText").isEmpty();
    }

    private static void check(Class<?> body, List<String> checked, List<String> unchecked) throws Exception {
        assertThat(body.isRecord()).as(body + " is a record").isTrue();
        for (RecordComponent component : body.getRecordComponents()) {
            String name = body.getSimpleName() + "." + component.getName();
            Field field = body.getDeclaredField(component.getName());
            if (field.getType() == String.class) {
                checked.add(name);
                if (!field.isAnnotationPresent(PlainText.class) && !EXEMPT.contains(name)) {
                    unchecked.add(name);
                }
            } else if (field.getAnnotatedType() instanceof AnnotatedParameterizedType generic) {
                for (AnnotatedType argument : generic.getAnnotatedActualTypeArguments()) {
                    if (argument.getType() == String.class) {
                        checked.add(name + "[]");
                        if (!argument.isAnnotationPresent(PlainText.class)) {
                            unchecked.add(name + "[]");
                        }
                    }
                }
            }
        }
    }
}
