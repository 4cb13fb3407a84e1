package io.parley.notification.account;

/** A live account's contact data and notification preferences. Personal data: never log it. */
public record Account(String userId, String email, String displayName, boolean emailEnabled, boolean pushEnabled) {

    @Override
    public String toString() {
        return "Account[" + userId + "]";
    }
}
