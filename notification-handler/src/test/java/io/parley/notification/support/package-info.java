/** What the notification handler's integration tests share: one Spring context, RabbitMQ, GreenMail, MongoDB. */
package io.parley.notification.support;
