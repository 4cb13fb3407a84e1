/** The conversation read model of the notifiers: type and name, members with their settings and read markers, unread state. */
package io.parley.notification.conversation;
