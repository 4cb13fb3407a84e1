package io.parley.query.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import io.parley.query.web.ErrorCodeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Runs the slow part of a client frame (read-your-writes waits, membership checks, backlog reads) off the WebSocket
 * container's threads, on virtual threads, and turns its failure into an ERROR frame for that session only.
 */
@Component
class LiveWork implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveWork.class);

    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("live-", 0).factory());
    private final StompFrames frames;

    LiveWork(StompFrames frames) {
        this.frames = frames;
    }

    void submit(LiveSession session, Runnable task) {
        executor.execute(() -> {
            try {
                task.run();
            } catch (ErrorCodeException e) {
                frames.error(session, e.code(), e.getMessage());
            } catch (DomainException e) {
                frames.error(session, e.code(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("Live delivery failed in session {} of user {}", session.id(), session.userId(), e);
                frames.error(session, ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.");
            }
        });
    }

    /** Runs work that belongs to no one session; it handles its own failures. */
    void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
