/** The push device tokens of every user, and their removal when the push service no longer knows one. */
package io.parley.notification.device;
