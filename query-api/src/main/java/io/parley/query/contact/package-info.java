/** Contacts and pending contact requests per user. */
package io.parley.query.contact;
