package io.parley.command.contact;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;

/** The Contact feature's "not found" answers, the same from the aggregate and from the web layer. */
public final class Contacts {

    private Contacts() {
    }

    /** No pending request with this id that the caller is part of (or no such id at all). */
    public static DomainException requestNotFound(String requestId) {
        return new DomainException(ErrorCode.CONTACT_REQUEST_NOT_FOUND, "No contact request " + requestId);
    }

    /** The caller and the other user are not contacts (or never met). */
    public static DomainException notAContact() {
        return new DomainException(ErrorCode.CONTACT_NOT_FOUND, "Not a contact");
    }
}
