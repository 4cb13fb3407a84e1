package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Turns notification channels on or off. */
public record ChangeNotificationPreferencesCommand(@TargetAggregateIdentifier String userId, boolean email, boolean push) {
}
