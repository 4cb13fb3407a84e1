package io.parley.notification.job;

/** Where a notification goes. Its key starts the job's routing key and names the channel's queue. */
public enum NotificationChannel {
    EMAIL("email"),
    PUSH("push");

    private final String key;

    NotificationChannel(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
