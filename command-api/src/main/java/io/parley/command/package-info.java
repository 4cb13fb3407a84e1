/** Command API: REST writes, the aggregates behind them, command-side lookups and token issuing. */
package io.parley.command;
