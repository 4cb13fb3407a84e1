/**
 * Presence: who is online (has at least one socket on any instance) and when each user was last seen, kept in
 * MongoDB under per-instance leases, with every transition published on the presence fanout.
 */
package io.parley.query.presence;
