/** Authentication: signing keys, access and refresh tokens, sessions, and the auth endpoints. */
package io.parley.command.auth;
