/** Conversations: direct and group, membership and roles, details, read markers and muting. */
package io.parley.kernel.conversation;
