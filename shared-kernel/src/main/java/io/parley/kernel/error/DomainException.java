package io.parley.kernel.error;

import org.axonframework.commandhandling.CommandExecutionException;

/**
 * A business rule rejected a command. Its {@link ErrorDetails} travel with it across Axon Server,
 * so the web layer maps the code, never the message.
 */
public class DomainException extends CommandExecutionException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String detail) {
        super(detail, null, new ErrorDetails(code, detail));
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
