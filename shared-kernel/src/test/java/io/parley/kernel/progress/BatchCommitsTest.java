package io.parley.kernel.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

class BatchCommitsTest {

    private static final long AN_HOUR = Duration.ofHours(1).toNanos();

    private final BatchCommits commits = new BatchCommits();

    @Test
    void aWaiter_looksAgainWhenABatchCommits_notBefore() throws Exception {
        AtomicBoolean reached = new AtomicBoolean();
        AtomicInteger looks = new AtomicInteger();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> commits.await(() -> {
            looks.incrementAndGet();
            return reached.get();
        }, AN_HOUR, AN_HOUR));
        await().until(() -> looks.get() == 1);

        reached.set(true);
        assertThat(waiter).isNotDone();
        commits.committed();

        assertThat(waiter.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(looks).hasValue(2);
    }

    @Test
    void aWaiter_looksAgainAfterTheRecheck_forProgressMadeElsewhere() {
        AtomicInteger looks = new AtomicInteger();

        boolean reached = commits.await(() -> looks.incrementAndGet() == 3, AN_HOUR, Duration.ofMillis(10).toNanos());

        assertThat(reached).isTrue();
        assertThat(looks).hasValue(3);
    }

    @Test
    void aWaiter_givesUpAtTheTimeout() {
        assertThat(commits.await(() -> false, Duration.ofMillis(50).toNanos(), AN_HOUR)).isFalse();
    }

    @Test
    void aCommittedBatch_leavesItsTokenPerSegment_beforeTheProcessorsStatusHasIt() throws Exception {
        UnitOfWork<EventMessage<?>> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("event"));
        batch.resources().put("Processor[projections]/Token", new GlobalSequenceTrackingToken(41));
        batch.resources().put("Processor[projections]/SegmentId", 0);

        commits.interceptor("projections").handle(batch, () -> null);
        assertThat(commits.committedToken("projections", 0)).isNull();
        batch.commit();

        assertThat(commits.committedToken("projections", 0)).isEqualTo(new GlobalSequenceTrackingToken(41));
        assertThat(commits.committedToken("projections", 1)).isNull();
        assertThat(commits.committedToken("other", 0)).isNull();
    }
}
