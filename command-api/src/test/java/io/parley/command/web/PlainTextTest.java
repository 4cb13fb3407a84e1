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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The text rules (docs/api.md, "Text"), and that every string of every request body is held to them. */
class PlainTextTest {

    /** Checked against a hash only, never stored: a password set before the rule existed must still log in. */
    private static final Set<String> EXEMPT = Set.of("LoginRequest.password", "ChangePasswordRequest.currentPassword");

    @ParameterizedTest
    @ValueSource(strings = {"Ada", "Zoë", "שלום", "😀 ok", "a\u200Fb", "日本語", "x y"})
    void ordinaryText_isPlainText_onOneLine(String text) {
        assertThat(PlainTextValidator.isPlainText(text, false)).isTrue();
        assertThat(PlainTextValidator.isPlainText(text, true)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0007", "\u001b[31m", "a\u007f", "a\u0085", "\ud800", "a\udc00b",
            "\ud83d", "x\ud83dy"})
    void controlsAndUnpairedSurrogates_areRefused_everywhere(String text) {
        assertThat(PlainTextValidator.isPlainText(text, false)).isFalse();
        assertThat(PlainTextValidator.isPlainText(text, true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\tb", "a\r\nb", "\u202Bשלום\u202C", "\u2067x\u2069", "a\u202Eb"})
    void lineBreaksTabsAndBidiControls_areAllowedInMultilineText_only(String text) {
        assertThat(PlainTextValidator.isPlainText(text, true)).isTrue();
        assertThat(PlainTextValidator.isPlainText(text, false)).isFalse();
    }

    @Test
    void everyStringInEveryRequestBody_isPlainText() throws Exception {
        List<String> unchecked = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        for (BeanDefinition controller : scanner.findCandidateComponents("io.parley.command")) {
            for (Method method : Class.forName(controller.getBeanClassName()).getDeclaredMethods()) {
                for (Parameter parameter : method.getParameters()) {
                    if (parameter.isAnnotationPresent(RequestBody.class)) {
                        check(parameter.getType(), checked, unchecked);
                    }
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
