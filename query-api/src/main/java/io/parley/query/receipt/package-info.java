/** Read receipts: how far each current member of a conversation has read. */
package io.parley.query.receipt;
