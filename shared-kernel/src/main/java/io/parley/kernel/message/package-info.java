/** Messages in a conversation: send, edit, delete, reactions, and the rules for text and emoji. */
package io.parley.kernel.message;
