package io.parley.kernel.message;

public enum DeletionScope {
    /** For every member: the author, an OWNER or an ADMIN. */
    EVERYONE,
    /** Hidden for the caller only: any member. */
    ME
}
