/** Live signals between query-api instances: RabbitMQ fanout exchanges for presence and typing, one queue per instance. */
package io.parley.query.fanout;
