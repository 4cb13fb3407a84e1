package io.parley.query.live;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The STOMP destinations of Parley's protocol; anything else is refused. */
final class Destinations {

    private static final String ID = "([A-Za-z0-9._:-]{1,100})";
    private static final Pattern MESSAGES = Pattern.compile("/topic/conversations/" + ID + "/messages");
    private static final Pattern TYPING = Pattern.compile("/topic/conversations/" + ID + "/typing");
    private static final Pattern RECEIPTS = Pattern.compile("/topic/conversations/" + ID + "/receipts");
    private static final Pattern SEND_TYPING = Pattern.compile("/app/conversations/" + ID + "/typing");

    static final String USER_EVENTS = "/user/queue/events";

    enum Kind { MESSAGES, TYPING, RECEIPTS, USER_EVENTS }

    record Target(Kind kind, String conversationId) {
    }

    private Destinations() {
    }

    /** What a SUBSCRIBE names, or null when it is no destination of ours. */
    static Target subscription(String destination) {
        if (destination == null) {
            return null;
        }
        Matcher messages = MESSAGES.matcher(destination);
        if (messages.matches()) {
            return new Target(Kind.MESSAGES, messages.group(1));
        }
        Matcher typing = TYPING.matcher(destination);
        if (typing.matches()) {
            return new Target(Kind.TYPING, typing.group(1));
        }
        Matcher receipts = RECEIPTS.matcher(destination);
        if (receipts.matches()) {
            return new Target(Kind.RECEIPTS, receipts.group(1));
        }
        return USER_EVENTS.equals(destination) ? new Target(Kind.USER_EVENTS, null) : null;
    }

    /** The conversation a SEND of a typing signal names, or null. */
    static String typingConversation(String destination) {
        if (destination == null) {
            return null;
        }
        Matcher typing = SEND_TYPING.matcher(destination);
        return typing.matches() ? typing.group(1) : null;
    }

    static String receiptsTopic(String conversationId) {
        return "/topic/conversations/" + conversationId + "/receipts";
    }
}
