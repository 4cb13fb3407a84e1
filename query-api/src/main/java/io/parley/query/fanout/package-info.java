/** Signals between query-api instances: RabbitMQ fanout exchanges for presence and typing, a queue per instance. */
package io.parley.query.fanout;
