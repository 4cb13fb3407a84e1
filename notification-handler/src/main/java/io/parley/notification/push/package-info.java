/** Push: the notifiers that publish push jobs (new message, added to a group) and the Firebase sender. */
package io.parley.notification.push;
