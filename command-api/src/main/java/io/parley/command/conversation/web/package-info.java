/** docs/api.md "Conversations — writes": the REST endpoints that turn requests into Conversation commands. */
package io.parley.command.conversation.web;
