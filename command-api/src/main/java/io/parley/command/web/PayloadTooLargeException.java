package io.parley.command.web;

import java.io.IOException;

/** A request body went past the size limit; an IOException because it surfaces while the body is read. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException() {
        super("request body too large");
    }
}
