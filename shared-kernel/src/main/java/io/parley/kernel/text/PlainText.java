package io.parley.kernel.text;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The text Parley accepts in any string of a request (docs/api.md, "Text"): well-formed Unicode (no unpaired
 * surrogate) without control characters. One-line values (ids, emails, names, tokens) also refuse line breaks,
 * tabs and the bidirectional embedding, override and isolate controls that make a name read as something else;
 * {@code multiline} values (message text, bio, topic) allow tab, line feed, carriage return and those bidi
 * controls, which right-to-left writing needs. Null is valid (pair with {@code @NotNull} where required).
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    String message() default "must not contain control characters or malformed Unicode";

    boolean multiline() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
