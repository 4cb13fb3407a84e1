/** The inbox per user: conversations by latest activity with last message, exact unread count, read marker, mute. */
package io.parley.query.inbox;
