/** Message search by words, limited to the conversations the caller is in. */
package io.parley.query.search;
