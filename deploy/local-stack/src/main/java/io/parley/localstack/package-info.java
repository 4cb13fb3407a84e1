/** What {@code ./parley up} runs: embedded infrastructure where no URL is configured, then the three services. */
package io.parley.localstack;
