/** The unread-messages email digest: a scheduler that publishes one digest job per user and period. */
package io.parley.notification.digest;
