/** Message history per conversation by seq, with reactions and deletions, paged both ways. */
package io.parley.query.message;
