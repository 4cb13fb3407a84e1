/** Notification handler: turns events into email and push jobs on RabbitMQ and sends them. */
package io.parley.notification;
