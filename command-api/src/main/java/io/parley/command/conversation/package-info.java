/** The Conversation aggregate (membership, roles, messages and their seq) and its message ledger. */
package io.parley.command.conversation;
