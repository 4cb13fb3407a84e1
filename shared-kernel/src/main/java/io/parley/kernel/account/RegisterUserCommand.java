package io.parley.kernel.account;

import java.util.Set;

/** Creates a user; the password arrives already hashed. */
public record RegisterUserCommand(String userId, String email, String passwordHash, String displayName, Set<Role> roles) {
}
