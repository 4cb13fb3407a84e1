/** Presence: who is online (has at least one socket on any instance) and when each user was last seen. */
package io.parley.query.presence;
