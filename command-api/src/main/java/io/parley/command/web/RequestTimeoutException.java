package io.parley.command.web;

import java.io.IOException;

/** A request body took longer than allowed to arrive; an IOException because it surfaces while the body is read. */
public class RequestTimeoutException extends IOException {

    public RequestTimeoutException() {
        super("request body too slow");
    }
}
