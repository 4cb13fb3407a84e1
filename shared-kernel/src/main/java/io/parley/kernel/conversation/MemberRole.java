package io.parley.kernel.conversation;

/** A member's role in a group; both members of a direct conversation are plain members. */
public enum MemberRole {
    OWNER,
    ADMIN,
    MEMBER
}
