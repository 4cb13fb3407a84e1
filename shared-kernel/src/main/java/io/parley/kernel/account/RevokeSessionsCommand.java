package io.parley.kernel.account;

import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the given sessions. */
public record RevokeSessionsCommand(@TargetAggregateIdentifier String userId, List<String> sessionIds, RevocationReason reason) {
}
