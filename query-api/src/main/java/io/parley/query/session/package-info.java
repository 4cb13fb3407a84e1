/** Revoked sessions: which access tokens stopped being accepted before they expire. */
package io.parley.query.session;
