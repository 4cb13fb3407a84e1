package io.parley.query.contact;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.parley.kernel.contact.BlockedUserView;
import io.parley.kernel.contact.BlockedUsersView;
import io.parley.kernel.contact.ContactRequestView;
import io.parley.kernel.contact.ContactRequestsView;
import io.parley.kernel.contact.ContactView;
import io.parley.kernel.contact.ContactsView;
import io.parley.kernel.contact.FindBlockedUsersQuery;
import io.parley.kernel.contact.FindContactRequestsQuery;
import io.parley.kernel.contact.FindContactsQuery;
import io.parley.query.contact.ContactDocument.Block;
import io.parley.query.contact.ContactDocument.State;
import io.parley.query.presence.OnlineStatus;
import io.parley.query.presence.OnlineStatus.Status;
import io.parley.query.user.UserDirectory;
import io.parley.query.user.UserDirectory.Person;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Contacts by display name, with whether each is online, requests newest first, and the users one blocks, latest block
 * first; names joined from the user view; users who deleted their account (or are not in the user view yet) are left
 * out.
 */
@Component
class ContactQueryHandlers {

    private final MongoTemplate mongo;
    private final UserDirectory users;
    private final OnlineStatus presence;

    ContactQueryHandlers(MongoTemplate mongo, UserDirectory users, OnlineStatus presence) {
        this.mongo = mongo;
        this.users = users;
        this.presence = presence;
    }

    @QueryHandler
    ContactsView handle(FindContactsQuery query) {
        List<String> others = mongo.find(query(where(ContactDocument.USER_IDS).is(query.userId())
                        .and(ContactDocument.STATE).is(State.CONTACTS)), ContactDocument.class).stream()
                .map(contact -> other(contact, query.userId()))
                .toList();
        Map<String, Person> people = users.find(others);
        Map<String, Status> statuses = presence.of(others);
        return new ContactsView(others.stream()
                .map(people::get)
                .filter(person -> person != null && !person.deleted())
                .sorted(Comparator.comparing((Person person) -> person.displayName().toLowerCase(Locale.ROOT))
                        .thenComparing(Person::userId))
                .map(person -> new ContactView(person.userId(), person.displayName(),
                        statuses.get(person.userId()).online()))
                .toList());
    }

    @QueryHandler
    ContactRequestsView handle(FindContactRequestsQuery query) {
        List<ContactDocument> incoming = pending(ContactDocument.RECIPIENT_ID, query.userId());
        List<ContactDocument> outgoing = pending(ContactDocument.REQUESTER_ID, query.userId());
        Map<String, Person> people = users.find(Stream.concat(
                incoming.stream().map(ContactDocument::requesterId),
                outgoing.stream().map(ContactDocument::recipientId)).toList());
        return new ContactRequestsView(
                incoming.stream().map(request -> view(request, request.requesterId(), people)).filter(Objects::nonNull).toList(),
                outgoing.stream().map(request -> view(request, request.recipientId(), people)).filter(Objects::nonNull).toList());
    }

    @QueryHandler
    BlockedUsersView handle(FindBlockedUsersQuery query) {
        List<Block> blocks = mongo.find(query(where(ContactDocument.BLOCKER_ID).is(query.userId())),
                        ContactDocument.class).stream()
                .flatMap(pair -> pair.blocksOrNone().stream())
                .filter(block -> block.blockerId().equals(query.userId()))
                .toList();
        Map<String, Person> people = users.find(blocks.stream().map(Block::blockedId).toList());
        return new BlockedUsersView(blocks.stream()
                .filter(block -> people.get(block.blockedId()) != null && !people.get(block.blockedId()).deleted())
                .sorted(Comparator.comparing(Block::blockedAt).reversed().thenComparing(Block::blockedId))
                .map(block -> new BlockedUserView(block.blockedId(), people.get(block.blockedId()).displayName(),
                        block.blockedAt()))
                .toList());
    }

    private List<ContactDocument> pending(String field, String userId) {
        return mongo.find(query(where(field).is(userId).and(ContactDocument.STATE).is(State.PENDING))
                        .with(Sort.by(Sort.Order.desc(ContactDocument.REQUESTED_AT), Sort.Order.asc("_id"))),
                ContactDocument.class);
    }

    private static ContactRequestView view(ContactDocument request, String otherUserId, Map<String, Person> people) {
        Person other = people.get(otherUserId);
        if (other == null || other.deleted()) {
            return null;
        }
        return new ContactRequestView(request.id(), otherUserId, other.displayName(), request.requestedAt());
    }

    private static String other(ContactDocument contact, String userId) {
        return contact.userIds().stream().filter(id -> !id.equals(userId)).findFirst().orElse(userId);
    }
}
