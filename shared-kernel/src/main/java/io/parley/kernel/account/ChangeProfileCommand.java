package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the given profile fields; null leaves a field as it is. */
public record ChangeProfileCommand(@TargetAggregateIdentifier String userId, String displayName, String bio, String avatarUrl) {
}
