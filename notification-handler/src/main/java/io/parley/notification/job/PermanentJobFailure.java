package io.parley.notification.job;

/** A job that no retry can send (a malformed address, a broken template): dead-lettered at once. */
public class PermanentJobFailure extends RuntimeException {

    public PermanentJobFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
