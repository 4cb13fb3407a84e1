package io.parley.kernel.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a device token for push. */
public record RegisterDeviceCommand(@TargetAggregateIdentifier String userId, String token, DevicePlatform platform) {
}
