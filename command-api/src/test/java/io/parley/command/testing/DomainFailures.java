package io.parley.command.testing;

import io.parley.kernel.error.ErrorCode;
import io.parley.kernel.error.ErrorDetails;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches what crosses the command bus when a rule rejects a command: the error code, never the text. */
public final class DomainFailures {

    private DomainFailures() {
    }

    public static Matcher<ErrorDetails> code(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ErrorDetails details) {
                return details.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("error details with code ").appendValue(code);
            }
        };
    }
}
