package io.parley.notification.push;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import com.google.firebase.messaging.WebpushConfig;
import com.google.firebase.messaging.WebpushNotification;
import io.parley.notification.account.Account;
import io.parley.notification.account.AccountDirectory;
import io.parley.notification.conversation.ConversationDirectory;
import io.parley.notification.device.DeviceDirectory;
import io.parley.notification.device.DeviceDirectory.Device;
import io.parley.notification.job.JobHandler;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works off push jobs: one FCM message per device of the recipient, sent with {@code sendEach}. A token FCM reports
 * as {@code UNREGISTERED} is taken out of the device read model and not tried again; any other failure fails the
 * attempt, which the worker retries and finally dead-letters. A retry goes to every device again, with the same
 * notification tag (Android, web) and collapse id (APNs), so a device that had it already replaces it instead of
 * showing it twice. Before sending it checks the job still holds: the recipient still wants push, is still a member
 * of the conversation, and the message was not deleted meanwhile. Without Firebase credentials the job is logged
 * (ids only) and counted instead.
 */
@Component
class PushSender implements JobHandler {

    static final String TITLE = "title";
    static final String BODY = "body";
    static final String CONVERSATION_ID = "conversationId";
    static final String MESSAGE_ID = "messageId";
    static final String SEQ = "seq";
    private static final Logger log = LoggerFactory.getLogger(PushSender.class);

    private final Firebase firebase;
    private final AccountDirectory accounts;
    private final ConversationDirectory conversations;
    private final DeviceDirectory devices;

    PushSender(Firebase firebase, AccountDirectory accounts, ConversationDirectory conversations, DeviceDirectory devices) {
        this.firebase = firebase;
        this.accounts = accounts;
        this.conversations = conversations;
        this.devices = devices;
    }

    @Override
    public NotificationChannel channel() {
        return NotificationChannel.PUSH;
    }

    @Override
    public Outcome send(NotificationJob job) throws FirebaseMessagingException {
        if (!stillWanted(job)) {
            return Outcome.DROPPED;
        }
        List<Device> targets = devices.devices(job.userId());
        if (targets.isEmpty()) {
            return Outcome.DROPPED;
        }
        Optional<FirebaseMessaging> messaging = firebase.messaging();
        if (messaging.isEmpty()) {
            log.info("Push {} for user {} to {} device(s) logged, not sent: Firebase is not configured ({})",
                    job.routingKey(), job.userId(), targets.size(), job.key());
            return Outcome.LOGGED;
        }
        BatchResponse batch = messaging.get().sendEach(targets.stream().map(device -> message(job, device)).toList());
        int sent = 0;
        FirebaseMessagingException failure = null;
        for (int i = 0; i < targets.size(); i++) {
            SendResponse response = batch.getResponses().get(i);
            Device device = targets.get(i);
            if (response.isSuccessful()) {
                sent++;
            } else if (response.getException().getMessagingErrorCode() == MessagingErrorCode.UNREGISTERED) {
                devices.unregistered(device.userId(), device.token(), Instant.now());
                log.info("FCM does not know a {} device of user {} any more; removed it", device.platform(),
                        device.userId());
            } else {
                failure = response.getException();
            }
        }
        if (failure != null) {
            throw failure;
        }
        return sent > 0 ? Outcome.SENT : Outcome.DROPPED;
    }

    private boolean stillWanted(NotificationJob job) {
        Optional<Account> recipient = accounts.find(job.userId());
        if (recipient.isEmpty() || !recipient.get().pushEnabled()) {
            return false;
        }
        String conversationId = job.params().get(CONVERSATION_ID);
        if (conversationId != null && !conversations.isMember(conversationId, job.userId())) {
            return false;
        }
        String seq = job.params().get(SEQ);
        return conversationId == null || seq == null
                || !conversations.isGoneFor(conversationId, Long.parseLong(seq), job.userId());
    }

    static Message message(NotificationJob job, Device device) {
        Map<String, String> data = new HashMap<>();
        data.put("kind", job.kind());
        for (String key : List.of(CONVERSATION_ID, MESSAGE_ID, SEQ)) {
            String value = job.params().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        String conversationId = job.params().getOrDefault(CONVERSATION_ID, "parley");
        // One tag per notification: a re-sent one replaces the first on the device.
        String tag = job.params().getOrDefault(MESSAGE_ID, conversationId + "-" + job.kind());
        return Message.builder()
                .setToken(device.token())
                .setNotification(Notification.builder()
                        .setTitle(job.params().get(TITLE))
                        .setBody(job.params().get(BODY))
                        .build())
                .putAllData(data)
                .setAndroidConfig(AndroidConfig.builder()
                        .setPriority(AndroidConfig.Priority.HIGH)
                        .setNotification(AndroidNotification.builder().setTag(tag).build())
                        .build())
                .setApnsConfig(ApnsConfig.builder()
                        .putHeader("apns-collapse-id", tag)
                        .setAps(Aps.builder().setThreadId(conversationId).build())
                        .build())
                .setWebpushConfig(WebpushConfig.builder()
                        .setNotification(WebpushNotification.builder().setTag(tag).build())
                        .build())
                .build();
    }
}
