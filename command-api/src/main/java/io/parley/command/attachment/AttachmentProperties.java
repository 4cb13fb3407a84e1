package io.parley.command.attachment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code parley.attachments.*}: the largest upload, each user's quota of stored bytes, the types allowed (as detected
 * from the bytes), where uploads are spooled while they arrive, how long an upload may take, how long an upload may
 * stay unsent, and how often the sweeper deletes what is no longer needed.
 */
@ConfigurationProperties("parley.attachments")
public record AttachmentProperties(DataSize maxSize, DataSize quota, Set<String> allowedTypes, Path incomingDirectory,
                                   Duration uploadTimeout, Duration unsentTtl, Duration sweepInterval) {
}
