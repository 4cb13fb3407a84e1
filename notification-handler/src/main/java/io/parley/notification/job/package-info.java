/** Notification jobs on RabbitMQ: topology, confirmed publishing, workers with retries, dead letters and idempotency. */
package io.parley.notification.job;
