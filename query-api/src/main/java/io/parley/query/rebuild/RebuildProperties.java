package io.parley.query.rebuild;

import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rebuilds: events per batch of the shadow processor, how long the switch may wait for the shadow to process the
 * events the live processor had processed when it paused, and processors that are no projection.
 */
@ConfigurationProperties("parley.rebuild")
record RebuildProperties(@DefaultValue("200") int batchSize, @DefaultValue("30s") Duration switchTimeout,
                         @DefaultValue("100ms") Duration pollInterval, @DefaultValue Set<String> excludedProcessors) {
}
