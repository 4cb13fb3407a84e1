/** Accounts: registration, profile, credentials, sessions, devices and notification preferences. */
package io.parley.kernel.account;
