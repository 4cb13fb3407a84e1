/** Live delivery over STOMP at /ws: authenticated sessions, message streams from subscription queries, typing. */
package io.parley.query.live;
