package io.parley.kernel.account;

/** Another user's public profile, as {@link UserView}. */
public record FindUserQuery(String userId) {
}
