package io.parley.command.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one command gateway (it replaces Axon's default), with a retry of {@link ConcurrencyException} only: a
 * conversation written meanwhile by another instance (the message ledger's seq clash, or an event store append
 * conflict) is reloaded and the command handled again, so both writers succeed with consecutive seqs. Anything else
 * (a domain rule, an unknown aggregate) is an answer, not a hiccup, and is never retried.
 */
@Configuration(proxyBeanMethods = false)
class CommandGatewayConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(1, new AxonThreadFactory("command-retry"));
    }

    @Bean
    RetryScheduler commandRetryScheduler(ScheduledExecutorService commandRetryExecutor,
                                         @Value("${parley.commands.retry.max-retries:8}") int maxRetries,
                                         @Value("${parley.commands.retry.interval:20ms}") Duration interval) {
        return new ConcurrencyRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(commandRetryExecutor)
                .maxRetryCount(maxRetries)
                .retryInterval(Math.toIntExact(interval.toMillis())));
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, RetryScheduler commandRetryScheduler) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(commandRetryScheduler)
                .build();
    }

    /**
     * Retries when a {@link ConcurrencyException} is anywhere in the failure's chain, and only then. (Axon's
     * non-transient predicate is tested on every cause as well, so it cannot express "retry this and nothing else".)
     */
    static final class ConcurrencyRetryScheduler extends IntervalRetryScheduler {

        ConcurrencyRetryScheduler(IntervalRetryScheduler.Builder builder) {
            super(builder);
        }

        @Override
        protected boolean isExplicitlyNonTransient(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConcurrencyException) {
                    return false;
                }
            }
            return true;
        }
    }
}
