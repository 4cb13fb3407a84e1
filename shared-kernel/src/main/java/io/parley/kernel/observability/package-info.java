/** Request ids, the per-request log line, and trace ids carried from a request into its events and jobs. */
package io.parley.kernel.observability;
