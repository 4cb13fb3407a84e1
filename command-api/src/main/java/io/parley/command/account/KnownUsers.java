package io.parley.command.account;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Whether user ids that a request names (members to add, mentions, contacts, blocks) belong to an account that
 * exists and was not deleted. Checked before the command is sent: aggregates never load the User aggregate. A user
 * deleted between the check and the command is accepted, as if the request had come a moment earlier.
 */
@Component
public class KnownUsers {

    private final CredentialStore credentials;

    KnownUsers(CredentialStore credentials) {
        this.credentials = credentials;
    }

    /** Throws {@code USER_NOT_FOUND} unless the user exists. */
    public void require(String userId) {
        requireAll(List.of(userId));
    }

    /** Throws {@code USER_NOT_FOUND} naming the first of the ids (in the given order) that is not a user. */
    public void requireAll(Collection<String> userIds) {
        Set<String> existing = credentials.existing(userIds);
        for (String userId : userIds) {
            if (!existing.contains(userId)) {
                throw new DomainException(ErrorCode.USER_NOT_FOUND, "No user " + userId);
            }
        }
    }
}
