/** Who is online, from query-api's presence exchange: push goes only to users who are not. */
package io.parley.notification.presence;
