package io.parley.notification.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parley.notification.account.Account;
import io.parley.notification.account.AccountDirectory;
import io.parley.notification.conversation.ConversationDirectory;
import io.parley.notification.conversation.ConversationDirectory.Conversation;
import io.parley.notification.conversation.ConversationDirectory.Unread;
import io.parley.notification.job.BrokerUnavailableException;
import io.parley.notification.job.JobPublisher;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the users due a digest and publishes one email job each. Due: email on, and a message of someone else
 * unread for longer than the delay in a conversation they are still a member of and have not muted. The job's key is
 * user + period ({@code digest-<period start>} + recipient + email), the same in every instance, so the digest of a
 * period is sent once however many instances check. It lists the unmuted conversations with unread messages and
 * their counts, never message text.
 */
final class DigestPlanner {

    static final String KIND = "digest";
    private static final Logger log = LoggerFactory.getLogger(DigestPlanner.class);
    private static final String DELETED_USER = "Deleted user";

    private final ConversationDirectory conversations;
    private final AccountDirectory accounts;
    private final JobPublisher jobs;
    private final DigestLog digests;
    private final DigestProperties properties;

    DigestPlanner(ConversationDirectory conversations, AccountDirectory accounts, JobPublisher jobs, DigestLog digests,
                  DigestProperties properties) {
        this.conversations = conversations;
        this.accounts = accounts;
        this.jobs = jobs;
        this.digests = digests;
        this.properties = properties;
    }

    /** The start of the period {@code now} is in. */
    Instant periodStart(Instant now) {
        long period = properties.period().toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), period) * period);
    }

    /** Publishes the digests due at {@code now}; returns how many. */
    int check(Instant now) {
        Instant periodStart = periodStart(now);
        Instant unreadBefore = now.minus(properties.delay());
        String eventId = KIND + "-" + periodStart;
        int published = 0;
        for (String userId : conversations.usersWithUnreadSince(unreadBefore)) {
            String key = NotificationJob.key(eventId, userId, NotificationChannel.EMAIL);
            try {
                if (digests.published(key)) {
                    continue;
                }
                Optional<NotificationJob> digest = digest(eventId, userId, unreadBefore, now);
                if (digest.isPresent()) {
                    jobs.publish(digest.get());
                    digests.record(key, userId, periodStart, now);
                    published++;
                }
            } catch (BrokerUnavailableException e) {
                log.warn("RabbitMQ is not reachable; digests wait for the next check ({})", e.getMessage());
                break;
            } catch (RuntimeException e) {
                log.error("Could not plan the digest of user {} ({}); trying again at the next check", userId,
                        e.getClass().getSimpleName());
            }
        }
        if (published > 0) {
            log.info("Published {} unread digest(s) for the period from {}", published, periodStart);
        }
        return published;
    }

    private Optional<NotificationJob> digest(String eventId, String userId, Instant unreadBefore, Instant now) {
        Optional<Account> account = accounts.find(userId);
        if (account.isEmpty() || !account.get().emailEnabled()) {
            return Optional.empty();
        }
        record Line(String name, long unread) {
        }
        List<Line> lines = new ArrayList<>();
        boolean due = false;
        for (Unread unread : conversations.unread(userId)) {
            long count = conversations.unreadCount(unread.conversationId(), userId);
            Optional<Conversation> conversation = conversations.find(unread.conversationId());
            if (count == 0 || conversation.isEmpty()) {
                continue;
            }
            due |= !unread.since().isAfter(unreadBefore);
            lines.add(new Line(name(conversation.get(), userId), count));
        }
        if (!due) {
            return Optional.empty();
        }
        long total = lines.stream().mapToLong(Line::unread).sum();
        Map<String, String> params = new HashMap<>();
        params.put("displayName", Optional.ofNullable(account.get().displayName()).orElse(""));
        params.put("summary", plural(total, "unread message") + " in " + plural(lines.size(), "conversation"));
        params.put("period", describe(properties.period()));
        int listed = Math.min(lines.size(), properties.maxConversations());
        params.put("conversations", Integer.toString(listed));
        for (int i = 0; i < listed; i++) {
            params.put("conversations." + i + ".name", lines.get(i).name());
            params.put("conversations." + i + ".unread", plural(lines.get(i).unread(), "unread message"));
        }
        params.put("more", lines.size() > listed ? "... and " + plural(lines.size() - listed, "more conversation") + "." : "");
        return Optional.of(NotificationJob.of(eventId, NotificationChannel.EMAIL, KIND, userId, account.get().email(),
                params, now));
    }

    private String name(Conversation conversation, String userId) {
        if (!conversation.direct()) {
            return conversation.name();
        }
        return conversations.otherMember(conversation.conversationId(), userId)
                .flatMap(accounts::find)
                .map(Account::displayName)
                .orElse(DELETED_USER);
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    static String describe(Duration period) {
        if (period.toDays() > 0 && period.equals(Duration.ofDays(period.toDays()))) {
            return period.toDays() == 1 ? "day" : period.toDays() + " days";
        }
        if (period.toHours() > 0 && period.equals(Duration.ofHours(period.toHours()))) {
            return period.toHours() == 1 ? "hour" : period.toHours() + " hours";
        }
        return plural(Math.max(1, period.toMinutes()), "minute");
    }
}
