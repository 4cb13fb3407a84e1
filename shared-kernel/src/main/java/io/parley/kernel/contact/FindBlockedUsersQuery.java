package io.parley.kernel.contact;

/** The users {@code userId} blocks now, as {@link BlockedUsersView}. */
public record FindBlockedUsersQuery(String userId) {
}
