/** Operator views: where each projection stands against the event store. */
package io.parley.query.admin;
