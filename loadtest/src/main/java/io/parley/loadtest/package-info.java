/** Parley's load tool: drives a running Parley through its public API only and reports what users would feel. */
package io.parley.loadtest;
