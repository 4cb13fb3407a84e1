/** Stable error codes that survive crossing the command and query buses. */
package io.parley.kernel.error;
