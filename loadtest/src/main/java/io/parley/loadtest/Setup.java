package io.parley.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.springframework.messaging.simp.stomp.StompSession;

/** Setup through the public API, {@code concurrency} calls at a time, with a progress line. */
final class Setup {

    private static final String POSITION_NOT_REACHED = "POSITION_NOT_REACHED";
    private static final int MAX_ATTEMPTS = 30;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private Setup() {
    }

    /** Registers and logs in {@code count} new users. */
    static List<ParleyApi.User> users(ParleyApi api, int count, int concurrency, String namePrefix)
            throws InterruptedException {
        return parallel("users signed up", count, concurrency, i -> api.signUp(namePrefix + " " + i));
    }

    /** Fails unless {@code users} fill groups of {@code groupSize} exactly. */
    static void requireWholeGroups(int users, int groupSize) {
        if (users < groupSize || users % groupSize != 0) {
            throw new BenchFailure("the number of users must be a multiple of the group size " + groupSize);
        }
    }

    /**
     * Creates one group per member list, by its first member, named {@code "<namePrefix> <n>"}; the ids in order.
     * {@code position} ends at least at the newest group's event position (for {@code X-Min-Position}).
     */
    static List<String> groups(ParleyApi api, List<List<ParleyApi.User>> members, int concurrency, String namePrefix,
                               AtomicLong position) throws InterruptedException {
        return parallel("groups created", members.size(), concurrency, g -> {
            List<ParleyApi.User> group = members.get(g);
            ParleyApi.Reply created = api.post(group.getFirst(), "/api/v1/conversations/groups", Map.of(
                    "name", namePrefix + " " + g, "memberIds",
                    group.subList(1, group.size()).stream().map(ParleyApi.User::userId).toList())).expect(201);
            position.accumulateAndGet(Long.parseLong(created.position()), Math::max);
            return created.body().path("conversationId").asString();
        });
    }

    /** The users (or anything) in consecutive groups of {@code groupSize}. */
    static <T> List<List<T>> inGroupsOf(List<T> users, int groupSize) {
        List<List<T>> groups = new ArrayList<>();
        for (int from = 0; from < users.size(); from += groupSize) {
            groups.add(users.subList(from, from + groupSize));
        }
        return groups;
    }

    /** Runs {@code task(0..count-1)} in parallel; the results in index order; the first failure is thrown. */
    static <T> List<T> parallel(String what, int count, int concurrency, IntFunction<T> task)
            throws InterruptedException {
        List<CompletableFuture<T>> futures = new ArrayList<>(count);
        AtomicLong done = new AtomicLong();
        Semaphore permits = new Semaphore(concurrency);
        try (Progress progress = Progress.counting(what, done, count);
             ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                permits.acquire();
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        T result = task.apply(index);
                        done.incrementAndGet();
                        return result;
                    } finally {
                        permits.release();
                    }
                }, pool));
            }
        }
        List<T> results = new ArrayList<>(count);
        for (CompletableFuture<T> future : futures) {
            results.add(join(future));
        }
        Progress.say("%s: %,d", what, count);
        return results;
    }

    /**
     * Opens one socket per token, {@code concurrency} handshakes at a time; {@code afterConnect} runs on each new
     * session (e.g. subscribes) and its future is awaited too. A subscription refused with
     * {@code POSITION_NOT_REACHED} (the read side has not yet reached the {@code X-Min-Position} asked for; the
     * server closes the socket) is tried again on a new socket a second later, as an app would; any other refusal
     * ends the run. The retries are counted in {@code retried}.
     */
    static List<StompSession> sockets(LiveSockets live, List<String> tokens, int concurrency, AtomicLong retried,
                                      BiFunction<Integer, StompSession, CompletableFuture<?>> afterConnect)
            throws InterruptedException {
        return parallel("sockets connected", tokens.size(), concurrency, i -> settled(
                () -> join(live.connect(tokens.get(i))), session -> afterConnect.apply(i, session), retried,
                RETRY_PAUSE));
    }

    /** One socket connected and set up, on a new socket {@code pause} later while refused with POSITION_NOT_REACHED. */
    static StompSession settled(Supplier<LiveSockets.Socket> connect,
                                Function<StompSession, CompletableFuture<?>> setUp, AtomicLong retried, Duration pause) {
        for (int attempt = 1; ; attempt++) {
            LiveSockets.Socket socket = connect.get();
            CompletableFuture<?> ready = setUp.apply(socket.session());
            join(CompletableFuture.anyOf(ready, socket.refusal()).exceptionally(failure -> null));
            if (!socket.refusal().isDone()) {
                join(ready);
                socket.settle();
                return socket.session();
            }
            String refusal = join(socket.refusal().exceptionally(Throwable::toString));
            if (!POSITION_NOT_REACHED.equals(refusal) || attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException("socket refused after " + attempt + " attempt(s): " + refusal);
            }
            retried.incrementAndGet();
            pause(pause);
        }
    }

    /** A pause between attempts, as an app waits before it subscribes again; not a wait for a condition. */
    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get(3, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within 3 minutes", e);
        }
    }
}
