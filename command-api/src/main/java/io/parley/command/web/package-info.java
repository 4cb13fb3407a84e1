/** HTTP concerns every feature shares: problem details, X-Position, request size and rate limits. */
package io.parley.command.web;
