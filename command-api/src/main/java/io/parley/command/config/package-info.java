/** Axon wiring of command-api beyond the kernel's: the command gateway and its retry of transient conflicts. */
package io.parley.command.config;
