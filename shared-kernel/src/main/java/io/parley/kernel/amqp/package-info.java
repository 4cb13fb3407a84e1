/** The one RabbitMQ connection of a service: first connection retried with back-off, automatic recovery, health. */
package io.parley.kernel.amqp;
