package io.parley.command.attachment;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The sweeper runs on Spring's scheduler. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AttachmentConfiguration {
}
