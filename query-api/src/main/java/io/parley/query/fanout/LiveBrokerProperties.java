package io.parley.query.fanout;

import java.net.URI;
import java.time.Duration;

import io.parley.kernel.amqp.BrokerSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The RabbitMQ that carries presence and typing between instances.
 *
 * @param uri               {@code amqp://user:password@host:port/vhost}
 * @param required          whether an unreachable broker makes health DOWN (else the {@code liveFanout} component
 *                          says UNREACHABLE and this instance serves its own sockets only)
 * @param exchangePrefix    the exchanges are {@code <prefix>.presence} and {@code <prefix>.typing}
 */
@ConfigurationProperties("parley.live.broker")
public record LiveBrokerProperties(@DefaultValue("amqp://guest:guest@127.0.0.1:5672/") URI uri,
                                   @DefaultValue("false") boolean required,
                                   @DefaultValue("parley.live") String exchangePrefix,
                                   @DefaultValue("5s") Duration connectTimeout,
                                   @DefaultValue("30s") Duration reconnectMaxDelay) {

    public LiveBrokerProperties {
        if (exchangePrefix == null || !exchangePrefix.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("parley.live.broker.exchange-prefix must be a plain name, was: "
                    + exchangePrefix);
        }
    }

    BrokerSettings settings() {
        return new BrokerSettings(uri, required, connectTimeout, reconnectMaxDelay);
    }
}
