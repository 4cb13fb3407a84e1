package io.parley.command.account;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

import io.parley.kernel.account.Role;

/**
 * The command-side lookup table of emails and password hashes. Writes happen inside the User aggregate's
 * command handlers, so they commit or roll back together with the events (set-based validation).
 */
public interface CredentialStore {

    /** Claims the email for the user; a taken email (ignoring case) is a {@code EMAIL_TAKEN} domain error. */
    void register(String userId, String email, String passwordHash, Set<Role> roles);

    void changePasswordHash(String userId, String passwordHash);

    /** Clears email and hash: the email is free again and the account can no longer log in. */
    void delete(String userId);

    /** Marks the account deactivated (login refused) or active again. */
    void deactivate(String userId, boolean deactivated);

    /** The live (not deleted) account with this email, ignoring case. */
    Optional<Credentials> findByEmail(String email);

    /** The live (not deleted) account with this id. */
    Optional<Credentials> findById(String userId);

    /** Those of the ids that belong to live (not deleted) accounts. */
    Set<String> existing(Collection<String> userIds);

    static String normalize(String email) {
        return email.strip().toLowerCase(java.util.Locale.ROOT);
    }

    /** What login needs to know about an account; {@code deactivated} by an ADMIN refuses the login. */
    record Credentials(String userId, String passwordHash, Set<Role> roles, boolean deactivated) {
    }
}
