/** docs/api.md "Contacts", the writes: requests, accept, reject, remove, block and unblock. */
package io.parley.command.contact.web;
