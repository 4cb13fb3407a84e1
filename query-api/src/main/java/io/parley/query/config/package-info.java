/** Wiring of the event store, security and other infrastructure of the query API. */
package io.parley.query.config;
