package io.parley.kernel.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
}
