package io.parley.kernel.account;

/** The caller's own profile, as {@link OwnProfileView}. */
public record FindOwnProfileQuery(String userId) {
}
