package io.parley.kernel.account;

/** Users whose display name or email starts with {@code prefix}, as {@link UserSearchResult}. */
public record SearchUsersQuery(String prefix, int limit) {
}
