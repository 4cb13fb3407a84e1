/**
 * Crypto-shredding (docs/adr/0007-crypto-shredding.md): personal fields of events are stored encrypted with a key
 * per data subject, and deleting the key erases them from every copy and replay of the event store.
 */
package io.parley.kernel.privacy;
