package io.parley.query.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/** Runs one call per item on the given threads, all released at once, and waits for every one to finish. */
public final class Race {

    private Race() {
    }

    public static <T> void all(ExecutorService threads, List<T> items, Consumer<T> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        List<CompletableFuture<Void>> calls = items.stream()
                .map(item -> CompletableFuture.runAsync(() -> {
                    try {
                        ready.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    call.accept(item);
                }, threads))
                .toList();
        ready.countDown();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
    }
}
