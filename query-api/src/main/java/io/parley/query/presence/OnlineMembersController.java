package io.parley.query.presence;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.parley.query.conversation.ConversationAccess;
import io.parley.query.presence.OnlineStatus.Status;
import io.parley.query.user.UserDirectory;
import io.parley.query.user.UserDirectory.Person;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/v1/conversations/{id}/online: the members connected right now (on any instance), by display name; the
 * seeds' "USERS" list. Members only: anyone else gets the 404 an unknown conversation gets.
 */
@RestController
class OnlineMembersController {

    private final ConversationAccess access;
    private final OnlineStatus presence;
    private final UserDirectory users;

    OnlineMembersController(ConversationAccess access, OnlineStatus presence, UserDirectory users) {
        this.access = access;
        this.presence = presence;
        this.users = users;
    }

    record OnlineMember(String userId, String displayName) {
    }

    record OnlineMembers(List<OnlineMember> items) {
    }

    @GetMapping("/api/v1/conversations/{conversationId}/online")
    OnlineMembers online(@PathVariable String conversationId, Authentication caller) {
        access.requireMember(conversationId, caller.getName());
        ConversationAccess.Summary summary = access.summaries(List.of(conversationId)).get(conversationId);
        List<String> members = summary == null ? List.of() : summary.memberIds();
        Map<String, Status> statuses = presence.of(members);
        Map<String, Person> people = users.find(members.stream().filter(id -> statuses.get(id).online()).toList());
        return new OnlineMembers(people.values().stream()
                .filter(person -> !person.deleted())
                .sorted(Comparator.comparing((Person person) -> person.displayName().toLowerCase(Locale.ROOT))
                        .thenComparing(Person::userId))
                .map(person -> new OnlineMember(person.userId(), person.displayName()))
                .toList());
    }
}
