package io.parley.notification.push;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.parley.kernel.conversation.ConversationCreatedEvent;
import io.parley.kernel.conversation.ConversationMember;
import io.parley.kernel.conversation.ConversationType;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.message.MessagePreview;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.privacy.Erased;
import io.parley.notification.NotificationProcessing;
import io.parley.notification.account.Account;
import io.parley.notification.account.AccountDirectory;
import io.parley.notification.conversation.ConversationDirectory;
import io.parley.notification.device.DeviceDirectory;
import io.parley.notification.job.JobPublisher;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import io.parley.notification.presence.PresenceDirectory;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides who gets a push, and publishes one job per recipient (key: event id + recipient + push):
 * <ul>
 * <li>a new message: every current member but the sender who has push on, is offline (no presence record or an
 * offline one), has a device, and has not muted the conversation, unless the message mentions them;</li>
 * <li>added to a group (at its creation, or later): the added member, but not the group's creator, under the same
 * push, presence and device rules.</li>
 * </ul>
 * Never replayed. It runs in the read models' processor ({@link NotificationProcessing}), so every event before the one
 * it handles has been applied to the read models it reads.
 */
@Component
@DisallowReplay
@ProcessingGroup(NotificationProcessing.MESSAGE_NOTIFICATIONS)
class PushNotifier {

    static final String MESSAGE = "message";
    static final String MENTION = "mention";
    static final String ADDED = "added";
    private static final Logger log = LoggerFactory.getLogger(PushNotifier.class);
    private static final String SOMEONE = "Someone";

    private final JobPublisher jobs;
    private final AccountDirectory accounts;
    private final ConversationDirectory conversations;
    private final DeviceDirectory devices;
    private final PresenceDirectory presence;
    private final PushProperties properties;

    PushNotifier(JobPublisher jobs, AccountDirectory accounts, ConversationDirectory conversations,
                 DeviceDirectory devices, PresenceDirectory presence, PushProperties properties) {
        this.jobs = jobs;
        this.accounts = accounts;
        this.conversations = conversations;
        this.devices = devices;
        this.presence = presence;
        this.properties = properties;
    }

    @EventHandler
    void on(MessageSentEvent event, @MessageIdentifier String eventId) {
        if (Erased.is(event.text())) {
            // The sender was erased before this was read: the message reads as deleted, nothing to announce.
            return;
        }
        List<String> candidates = conversations.members(event.conversationId()).stream()
                .filter(member -> !member.userId().equals(event.senderId()))
                .filter(member -> !member.muted() || event.mentions().contains(member.userId()))
                .map(ConversationDirectory.Member::userId)
                .toList();
        List<String> recipients = reachable(candidates);
        if (recipients.isEmpty()) {
            return;
        }
        // Looked up only now: the usual message has nobody to push to, and costs no look-up of its conversation.
        Optional<ConversationDirectory.Conversation> conversation =
                conversations.findInProcessor(event.conversationId());
        if (conversation.isEmpty()) {
            log.warn("Message {} is in conversation {}, which the read model does not know; no push",
                    event.messageId(), event.conversationId());
            return;
        }
        String sender = displayName(event.senderId());
        String preview = preview(MessagePreview.of(event.text(), event.attachments()), properties.previewLength());
        String title = conversation.get().direct() ? sender : conversation.get().name();
        String body = conversation.get().direct() ? preview : sender + ": " + preview;
        for (String recipient : recipients) {
            Map<String, String> params = new HashMap<>();
            params.put(PushSender.TITLE, title);
            params.put(PushSender.BODY, body);
            params.put(PushSender.CONVERSATION_ID, event.conversationId());
            params.put(PushSender.MESSAGE_ID, event.messageId());
            params.put(PushSender.SEQ, Long.toString(event.seq()));
            String kind = event.mentions().contains(recipient) ? MENTION : MESSAGE;
            jobs.publish(NotificationJob.of(eventId, NotificationChannel.PUSH, kind, recipient, null, params,
                    event.sentAt()));
        }
    }

    @EventHandler
    void on(ConversationCreatedEvent event, @MessageIdentifier String eventId) {
        if (event.type() != ConversationType.GROUP) {
            return;
        }
        List<String> added = event.members().stream()
                .map(ConversationMember::userId)
                .filter(userId -> !userId.equals(event.creatorId()))
                .toList();
        added(eventId, event.conversationId(), event.name(), event.creatorId(), added, event.createdAt());
    }

    @EventHandler
    void on(MemberAddedEvent event, @MessageIdentifier String eventId) {
        conversations.findInProcessor(event.conversationId()).ifPresent(conversation -> added(eventId,
                event.conversationId(), conversation.name(), event.addedBy(), List.of(event.userId()), event.addedAt()));
    }

    private void added(String eventId, String conversationId, String group, String addedBy, List<String> userIds,
                       Instant at) {
        String by = displayName(addedBy);
        for (String recipient : reachable(userIds)) {
            jobs.publish(NotificationJob.of(eventId, NotificationChannel.PUSH, ADDED, recipient, null, Map.of(
                    PushSender.TITLE, "You were added to " + group,
                    PushSender.BODY, by + " added you to " + group,
                    PushSender.CONVERSATION_ID, conversationId), at));
        }
    }

    /**
     * Those of the users with a device push can reach, push on, and offline; asked in that order, so that the
     * usual case (nobody to push to) costs one look-up.
     */
    private List<String> reachable(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        Set<String> withDevices = devices.withDevices(userIds);
        List<String> candidates = userIds.stream().filter(withDevices::contains).toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Account> known = accounts.findAllInProcessor(candidates);
        Set<String> online = presence.online(candidates);
        return candidates.stream()
                .filter(userId -> known.containsKey(userId) && known.get(userId).pushEnabled())
                .filter(userId -> !online.contains(userId))
                .toList();
    }

    private String displayName(String userId) {
        return Optional.ofNullable(accounts.findAllInProcessor(List.of(userId)).get(userId))
                .map(Account::displayName)
                .filter(name -> name != null && !name.isBlank())
                .orElse(SOMEONE);
    }

    /** The text on one line, cut to {@code length} code points with an ellipsis. */
    static String preview(String text, int length) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) <= length) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, length)).stripTrailing() + "…";
    }
}
