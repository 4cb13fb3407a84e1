package io.parley.kernel.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on PostgreSQL channel {@code parley_events} (notified at the commit of every append, see
 * {@code V2__notify_appends.sql}, naming the highest position appended since {@code V3}) on a connection of its own,
 * outside the pool, and tells the event store of each notification before it wakes it: tracking processors see another process's events at once instead of at the next poll. Blocks in the
 * driver while nothing happens (no CPU when idle). Wake-ups are at least {@code minInterval} apart: the first append
 * after a quiet spell wakes the store at once, appends that follow close behind are fetched together a moment later,
 * so processors handle them in one batch (one unit of work, one token update) instead of one by one. A broken
 * connection is opened again with back-off, and the store is woken after every (re)connect, since notifications sent
 * meanwhile are lost; the store's own slow poll covers the gap.
 */
public class EventAppendListener implements SmartLifecycle {

    static final String CHANNEL = "parley_events";
    private static final Logger log = LoggerFactory.getLogger(EventAppendListener.class);
    private static final int WAIT_MILLIS = 10_000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final JdbcConnectionDetails database;
    private final NotifiedEventStore eventStore;
    private final long minIntervalNanos;
    private long lastWake;
    private volatile Thread thread;
    private volatile Connection connection;

    EventAppendListener(JdbcConnectionDetails database, NotifiedEventStore eventStore, Duration minInterval) {
        this.database = database;
        this.eventStore = eventStore;
        this.minIntervalNanos = minInterval.toNanos();
        this.lastWake = System.nanoTime() - minIntervalNanos;
    }

    @Override
    public void start() {
        Thread listener = new Thread(this::run, "event-append-listener");
        listener.setDaemon(true);
        thread = listener;
        listener.start();
    }

    @Override
    public void stop() {
        Thread listener = thread;
        thread = null;
        if (listener != null) {
            listener.interrupt();
        }
        closeQuietly();
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        Duration backoff = Duration.ofMillis(100);
        while (thread == Thread.currentThread()) {
            try {
                PGConnection listening = listen();
                backoff = Duration.ofMillis(100);
                eventStore.wake();
                while (thread == Thread.currentThread()) {
                    PGNotification[] notifications = listening.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        eventStore.appended(highestPosition(notifications));
                        wake();
                    }
                }
            } catch (SQLException e) {
                if (thread != Thread.currentThread()) {
                    return;
                }
                log.warn("Listening for appended events failed ({}); polling only, retrying in {}", e.getMessage(),
                        backoff);
                closeQuietly();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** The highest position the notifications name ({@code V3__notify_appended_position.sql}); -1 if none does. */
    static long highestPosition(PGNotification[] notifications) {
        long highest = -1;
        for (PGNotification notification : notifications) {
            try {
                highest = Math.max(highest, Long.parseLong(notification.getParameter()));
            } catch (NumberFormatException e) {
                // A notification without a position (an older trigger) wakes the store all the same.
            }
        }
        return highest;
    }

    private void wake() {
        long early = lastWake + minIntervalNanos - System.nanoTime();
        if (early > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(early);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        lastWake = System.nanoTime();
        eventStore.wake();
    }

    private PGConnection listen() throws SQLException {
        Properties login = new Properties();
        if (database.getUsername() != null) {
            login.setProperty("user", database.getUsername());
        }
        if (database.getPassword() != null) {
            login.setProperty("password", database.getPassword());
        }
        login.setProperty("ApplicationName", "parley-event-append-listener");
        Connection opened = DriverManager.getConnection(database.getJdbcUrl(), login);
        connection = opened;
        opened.setAutoCommit(true);
        try (Statement statement = opened.createStatement()) {
            statement.execute("listen " + CHANNEL);
        }
        return opened.unwrap(PGConnection.class);
    }

    private void closeQuietly() {
        Connection open = connection;
        connection = null;
        if (open != null) {
            try {
                open.close();
            } catch (SQLException e) {
                log.debug("Closing the listening connection failed", e);
            }
        }
    }
}
