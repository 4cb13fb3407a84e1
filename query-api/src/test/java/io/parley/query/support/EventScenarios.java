package io.parley.query.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.parley.kernel.contact.ContactIds;
import io.parley.kernel.contact.ContactRemovedEvent;
import io.parley.kernel.contact.ContactRequestAcceptedEvent;
import io.parley.kernel.contact.ContactRequestRejectedEvent;
import io.parley.kernel.contact.ContactRequestedEvent;
import io.parley.kernel.contact.UserBlockedEvent;
import io.parley.kernel.contact.UserUnblockedEvent;
import io.parley.kernel.conversation.MemberRole;

/** Event sequences that exercise every event kind, for idempotency checks of each projection. */
public final class EventScenarios {

    private EventScenarios() {
    }

    /** A group of five and a direct conversation going through every conversation and message event, then contacts. */
    public static Object[] everyKind() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            users.add(UUID.randomUUID().toString());
        }
        String owner = users.get(0);
        Instant start = Instant.parse("2026-11-01T10:00:00Z");
        List<Object> events = new ArrayList<>();

        ConversationLog group = ConversationLog.group(owner, "Team", users.subList(1, 5), start);
        String first = group.send(owner, "Hello team, first message");
        String second = group.send(users.get(1), "Reply to the first", first, Set.of(owner));
        group.edit(second, users.get(1), "Reply to the first, edited");
        group.edit(second, users.get(1), "Reply edited twice");
        group.react(first, users.get(2), "👍").react(first, users.get(3), "👍").react(first, users.get(2), "❤️");
        group.unreact(first, users.get(2), "👍");
        String third = group.send(users.get(2), "to be deleted");
        group.react(third, owner, "👍");
        group.hide(first, users.get(4));
        group.hide(third, users.get(3));
        group.deleteForEveryone(third, users.get(2));
        group.read(users.get(1), 2).read(users.get(2), 1).mute(users.get(3), true);
        group.details("Team renamed", "a topic", owner).details(null, "", owner);
        group.changeRole(users.get(1), MemberRole.ADMIN, owner);
        group.add(users.get(5), users.get(1));
        group.send(users.get(5), "newcomer says hi");
        group.remove(users.get(4), users.get(1));
        group.remove(owner, owner);
        group.send(users.get(3), "after the owner left");
        Collections.addAll(events, group.drain());

        ConversationLog direct = ConversationLog.direct(users.get(1), users.get(2), start);
        String hi = direct.send(users.get(1), "hi there");
        direct.read(users.get(2), 1).hide(hi, users.get(2));
        Collections.addAll(events, direct.drain());

        String a = users.get(1);
        String b = users.get(2);
        String c = users.get(3);
        String ab = ContactIds.pair(a, b);
        String ac = ContactIds.pair(a, c);
        String bc = ContactIds.pair(b, c);
        Instant at = start.plusSeconds(3600);
        Collections.addAll(events,
                new ContactRequestedEvent(ab, a, b, at),
                new ContactRequestAcceptedEvent(ab, a, b, at.plusSeconds(1)),
                new ContactRequestedEvent(ac, c, a, at.plusSeconds(2)),
                new ContactRequestRejectedEvent(ac, c, a, at.plusSeconds(3)),
                new ContactRequestedEvent(ac, a, c, at.plusSeconds(4)),
                new ContactRequestedEvent(bc, b, c, at.plusSeconds(5)),
                new UserBlockedEvent(bc, c, b, at.plusSeconds(6)),
                new UserUnblockedEvent(bc, c, b, at.plusSeconds(7)),
                new ContactRemovedEvent(ab, b, a, at.plusSeconds(8)),
                new ContactRequestedEvent(ab, b, a, at.plusSeconds(9)),
                new ContactRequestAcceptedEvent(ab, b, a, at.plusSeconds(10)));
        return events.toArray();
    }
}
