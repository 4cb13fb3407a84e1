/** Conversation details: members and roles, the membership every conversation read checks, and its REST read. */
package io.parley.query.conversation;
