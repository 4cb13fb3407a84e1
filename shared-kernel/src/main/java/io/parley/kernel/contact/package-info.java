/** Contacts between two users: requests, acceptance, removal, and blocking. */
package io.parley.kernel.contact;
