package io.parley.kernel.security;

/** Claims of a Parley access token (RS256 JWT): {@code sub} is the user id. */
public final class ParleyClaims {

    /** Issuer of every access token. */
    public static final String ISSUER = "parley";
    /** Roles of the user, as names of {@link io.parley.kernel.account.Role}. */
    public static final String ROLES = "roles";
    /** The session the token belongs to; revoking the session ends the token. */
    public static final String SESSION_ID = "sid";

    private ParleyClaims() {
    }
}
