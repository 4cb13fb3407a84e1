package io.parley.kernel.account;

/** Why sessions ended; clients get it in {@code session.revoked}. */
public enum RevocationReason {
    LOGOUT,
    PASSWORD_CHANGED,
    REFRESH_TOKEN_REUSED,
    ACCOUNT_DELETED,
    ACCOUNT_DEACTIVATED
}
