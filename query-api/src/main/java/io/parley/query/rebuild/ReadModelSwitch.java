package io.parley.query.rebuild;

import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryMessage;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Lets no query of this instance run while a rebuilt read model's collections are renamed into place, so a reader
 * sees either every collection of the old model or every one of the new, never a mix and never a missing one (the
 * MongoDB wire server drops the target before it moves the source). Readers share the lock; only a switch, which
 * lasts as long as a few renames, holds it alone.
 */
@Component
class ReadModelSwitch implements InitializingBean {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final QueryBus queryBus;

    ReadModelSwitch(QueryBus queryBus) {
        this.queryBus = queryBus;
    }

    @Override
    public void afterPropertiesSet() {
        MessageHandlerInterceptor<QueryMessage<?, ?>> reading = (unitOfWork, chain) -> {
            lock.readLock().lock();
            try {
                return chain.proceed();
            } finally {
                lock.readLock().unlock();
            }
        };
        queryBus.registerHandlerInterceptor(reading);
    }

    /** Runs the switch while no query runs. */
    void exclusively(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
