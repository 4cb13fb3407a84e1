/** A conversation as it was at an instant of the past, folded from its events in the event store. */
package io.parley.query.timetravel;
