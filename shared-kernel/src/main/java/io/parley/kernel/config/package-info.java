/** Spring Boot auto-configuration every Parley service shares: event store schema and Axon ordering on Boot 4. */
package io.parley.kernel.config;
