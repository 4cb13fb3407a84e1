/** Accounts as notifications need them: email address, display name and preferences, erased on deletion. */
package io.parley.notification.account;
