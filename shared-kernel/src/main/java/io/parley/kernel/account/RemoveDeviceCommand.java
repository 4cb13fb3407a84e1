package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a device token. */
public record RemoveDeviceCommand(@TargetAggregateIdentifier String userId, String token) {
}
