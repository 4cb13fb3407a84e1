/** Accounts: the User aggregate, the credentials lookup table that keeps emails unique, and the users/me writes. */
package io.parley.command.account;
