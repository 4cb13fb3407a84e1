package io.parley.query.contact;

import io.parley.kernel.contact.BlockedUsersView;
import io.parley.kernel.contact.ContactRequestsView;
import io.parley.kernel.contact.ContactsView;
import io.parley.kernel.contact.FindBlockedUsersQuery;
import io.parley.kernel.contact.FindContactRequestsQuery;
import io.parley.kernel.contact.FindContactsQuery;
import io.parley.query.web.Queries;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /api/v1/contacts, /api/v1/contacts/requests and /api/v1/contacts/blocked, for the caller. */
@RestController
@RequestMapping("/api/v1/contacts")
class ContactController {

    private final QueryGateway queries;

    ContactController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    ContactsView contacts(Authentication caller) {
        return Queries.await(queries.query(new FindContactsQuery(caller.getName()),
                ResponseTypes.instanceOf(ContactsView.class)));
    }

    @GetMapping("/requests")
    ContactRequestsView requests(Authentication caller) {
        return Queries.await(queries.query(new FindContactRequestsQuery(caller.getName()),
                ResponseTypes.instanceOf(ContactRequestsView.class)));
    }

    @GetMapping("/blocked")
    BlockedUsersView blocked(Authentication caller) {
        return Queries.await(queries.query(new FindBlockedUsersQuery(caller.getName()),
                ResponseTypes.instanceOf(BlockedUsersView.class)));
    }
}
