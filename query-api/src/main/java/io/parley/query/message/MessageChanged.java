package io.parley.query.message;

import java.util.List;

import io.parley.kernel.message.MessageChange;
import io.parley.query.live.LiveChange;

/** A message as {@code message-view} committed it; {@code hiddenFor}: members not to be sent the change. */
record MessageChanged(MessageChange change, List<String> hiddenFor) implements LiveChange {
}
