package io.parley.command.web;

import java.util.regex.Pattern;

/**
 * Every id Parley hands out (users, conversations, messages, contact requests) is a UUID in its canonical lower-case
 * form. Anything else names nothing: the web layer answers it as unknown without asking an aggregate.
 */
public final class Ids {

    /** Room for a UUID and then some; ids in request bodies longer than this are invalid input. */
    public static final int MAX_LENGTH = 64;

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private Ids() {
    }

    public static boolean isId(String candidate) {
        return candidate != null && UUID.matcher(candidate).matches();
    }
}
