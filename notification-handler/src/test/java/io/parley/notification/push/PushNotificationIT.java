package io.parley.notification.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.parley.kernel.account.DevicePlatform;
import io.parley.kernel.account.DeviceRegisteredEvent;
import io.parley.kernel.account.NotificationPreferencesChangedEvent;
import io.parley.kernel.account.UserDeactivatedEvent;
import io.parley.kernel.account.UserProfileChangedEvent;
import io.parley.kernel.account.UserReactivatedEvent;
import io.parley.kernel.conversation.ConversationDetailsChangedEvent;
import io.parley.kernel.conversation.ConversationMutedEvent;
import io.parley.kernel.conversation.MemberAddedEvent;
import io.parley.kernel.conversation.MemberRemovedEvent;
import io.parley.kernel.conversation.MemberRole;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.privacy.PersonalDataKeys;
import io.parley.notification.NotificationProcessing;
import io.parley.notification.conversation.ConversationDirectory;
import io.parley.notification.device.DeviceDirectory;
import io.parley.notification.job.JobPublisher;
import io.parley.notification.job.NotificationChannel;
import io.parley.notification.job.NotificationJob;
import io.parley.notification.presence.PresenceDirectory;
import io.parley.notification.support.FakeFcm;
import io.parley.notification.support.FakeFcm.Reply;
import io.parley.notification.support.FakeFcm.Request;
import io.parley.notification.support.NotificationHandlerIntegrationTest;
import io.parley.notification.support.TestBroker;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class PushNotificationIT extends NotificationHandlerIntegrationTest {

    @Autowired
    DeviceDirectory devices;

    @Autowired
    PresenceDirectory presence;

    @Autowired
    ConversationDirectory conversations;

    @Autowired
    JobPublisher jobs;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    PersonalDataKeys personalData;

    private String user(String displayName) {
        return registerUser(displayName);
    }

    private String device(String userId) {
        String token = "token-" + UUID.randomUUID();
        append(userId, new DeviceRegisteredEvent(userId, token, DevicePlatform.ANDROID, Instant.now()));
        return token;
    }

    private String group(String name, String creator, String... members) {
        return createGroup(name, Instant.now(), creator, members);
    }

    private String direct(String initiator, String other) {
        return openDirect(initiator, other, Instant.now());
    }

    private EventMessage<?> send(String conversationId, String senderId, String text, String... mentions) {
        return sendMessage(conversationId, senderId, text, Instant.now(), mentions);
    }

    /** The message pushes (new message, mention) the token got so far. */
    private static List<Request> messagePushes(String token) {
        return FakeFcm.requestsFor(token).stream()
                .filter(request -> !PushNotifier.ADDED.equals(request.message().path("data").path("kind").asString()))
                .toList();
    }

    /** Waits for the first message push to the token, then for every push job so far to be finished. */
    private List<Request> pushesTo(String token) {
        await().atMost(WAIT).until(() -> !messagePushes(token).isEmpty());
        awaitPushJobsSettled();
        return messagePushes(token);
    }

    /** Waits for the first "added to a group" push to the token, then for every push job to be finished. */
    private List<Request> addedPushesTo(String token) {
        await().atMost(WAIT).until(() -> FakeFcm.requestsFor(token).size() > messagePushes(token).size());
        awaitPushJobsSettled();
        return FakeFcm.requestsFor(token).stream()
                .filter(request -> PushNotifier.ADDED.equals(request.message().path("data").path("kind").asString()))
                .toList();
    }

    private static Request only(List<Request> requests) {
        assertThat(requests).hasSize(1);
        return requests.getFirst();
    }

    @Test
    void newGroupMessage_pushesOnce_toEveryDeviceOfTheOfflineMembers_withGroupNameSenderAndPreview() {
        String sender = user("Ada");
        String offline = user("Grace");
        String online = user("Linus");
        String phone = device(offline);
        String tablet = device(offline);
        String senderPhone = device(sender);
        String onlinePhone = device(online);
        String conversationId = group("Compilers", sender, offline, online);
        TestBroker.publishPresence(online, true, Instant.now());
        await().atMost(WAIT).until(() -> presence.online(List.of(online)).contains(online));

        MessageSentEvent event = (MessageSentEvent) send(conversationId, sender, "Shall we meet\nat ten?").getPayload();

        Request toPhone = only(pushesTo(phone));
        Request toTablet = only(pushesTo(tablet));
        assertThat(FakeFcm.requestsFor(senderPhone)).isEmpty();
        assertThat(messagePushes(onlinePhone)).isEmpty();
        assertThat(toPhone.url()).isEqualTo(FakeFcm.SEND_URL);
        assertThat(toPhone.authorization()).isEqualTo("Bearer " + FakeFcm.ACCESS_TOKEN);
        JsonNode message = toPhone.message();
        assertThat(message.path("token").asString()).isEqualTo(phone);
        assertThat(message.path("notification").path("title").asString()).isEqualTo("Compilers");
        assertThat(message.path("notification").path("body").asString()).isEqualTo("Ada: Shall we meet at ten?");
        assertThat(message.path("data").path("kind").asString()).isEqualTo("message");
        assertThat(message.path("data").path("conversationId").asString()).isEqualTo(conversationId);
        assertThat(message.path("data").path("messageId").asString()).isEqualTo(event.messageId());
        assertThat(message.path("data").path("seq").asString()).isEqualTo("1");
        assertThat(message.path("android").path("notification").path("tag").asString()).isEqualTo(event.messageId());
        assertThat(message.path("apns").path("headers").path("apns-collapse-id").asString()).isEqualTo(event.messageId());
        assertThat(toTablet.message().path("notification")).isEqualTo(message.path("notification"));
    }

    /** Crypto-shredding (docs/adr/0007): a message read after its sender's key was erased is pushed to no one. */
    @Test
    void aMessageOfAnErasedSender_isNotPushed() {
        String erased = user("Erased");
        String witness = user("Witness");
        String recipient = user("Reader");
        String phone = device(recipient);
        String conversationId = group("Erasure", erased, witness, recipient);
        personalData.erase(erased);

        send(conversationId, erased, "never announced");
        send(conversationId, witness, "announced");

        JsonNode notification = only(pushesTo(phone)).message().path("notification");
        assertThat(notification.path("body").asString()).isEqualTo("Witness: announced");
    }

    @Test
    void directMessage_isTitledWithTheSendersName_andALongTextIsCut() {
        String sender = user("Barbara");
        String recipient = user("Edsger");
        String phone = device(recipient);
        String conversationId = direct(sender, recipient);

        send(conversationId, sender, "x".repeat(150));

        JsonNode notification = only(pushesTo(phone)).message().path("notification");
        assertThat(notification.path("title").asString()).isEqualTo("Barbara");
        assertThat(notification.path("body").asString()).isEqualTo("x".repeat(100) + "…");
    }

    @Test
    void aPhotoWithoutText_isPushedAsPhoto() {
        String sender = user("Grace");
        String recipient = user("Alan");
        String phone = device(recipient);
        String conversationId = direct(sender, recipient);

        sendAttachments(conversationId, sender,
                List.of(new Attachment("9e1b3c55-0000-4000-8000-000000000001", "IMG_0001.jpg", "image/jpeg", 2048, 64,
                        48, true)));

        JsonNode notification = only(pushesTo(phone)).message().path("notification");
        assertThat(notification.path("body").asString()).isEqualTo("📷 Photo");
    }

    @Test
    void mutedMember_getsNoPush_unlessTheMessageMentionsThem() {
        String sender = user("Alan");
        String muted = user("Muted");
        String control = user("Control");
        String mutedPhone = device(muted);
        String controlPhone = device(control);
        String conversationId = group("Ciphers", sender, muted, control);
        // Before muting: both are pushed (and the notifier has looked the members up since).
        send(conversationId, sender, "before muting");
        only(pushesTo(mutedPhone));
        only(pushesTo(controlPhone));
        appendTo(CONVERSATION_AGGREGATE, conversationId, new ConversationMutedEvent(conversationId, muted, true,
                Instant.now()));

        send(conversationId, sender, "not for the muted");
        await().atMost(WAIT).untilAsserted(() -> assertThat(pushesTo(controlPhone)).hasSize(2));
        assertThat(messagePushes(mutedPhone)).hasSize(1);

        send(conversationId, sender, "@Muted look at this", muted);
        await().atMost(WAIT).untilAsserted(() -> assertThat(pushesTo(mutedPhone)).hasSize(2));
        Request mention = pushesTo(mutedPhone).getLast();
        assertThat(mention.message().path("data").path("kind").asString()).isEqualTo("mention");
        assertThat(mention.message().path("notification").path("body").asString()).isEqualTo("Alan: @Muted look at this");
    }

    @Test
    void memberWithPushOff_orWhoLeft_getsNoPush_andNoTextOfTheConversation() {
        String sender = user("Niklaus");
        String pushOff = user("Quiet");
        String leaver = user("Leaver");
        String control = user("Control");
        String pushOffPhone = device(pushOff);
        String leaverPhone = device(leaver);
        String controlPhone = device(control);
        append(pushOff, new NotificationPreferencesChangedEvent(pushOff, true, false));
        String conversationId = group("Pascal", sender, pushOff, leaver, control);
        appendTo(CONVERSATION_AGGREGATE, conversationId, new MemberRemovedEvent(conversationId, leaver, leaver, true,
                Instant.now()));

        send(conversationId, sender, "after they left");

        only(pushesTo(controlPhone));
        assertThat(FakeFcm.requestsFor(pushOffPhone)).isEmpty();
        assertThat(messagePushes(leaverPhone)).isEmpty();
    }

    @Test
    void aDeactivatedMember_getsNoPush_untilReactivated() {
        String sender = user("Sender");
        String deactivated = user("Deactivated");
        String phone = device(deactivated);
        String admin = UUID.randomUUID().toString();
        append(deactivated, new UserDeactivatedEvent(deactivated, admin, Instant.now()));
        String conversationId = group("Moderated", sender, deactivated);

        send(conversationId, sender, "while deactivated");
        String control = user("Control");
        String controlPhone = device(control);
        String controlConversation = direct(sender, control);
        send(controlConversation, sender, "to the control");
        only(pushesTo(controlPhone));
        assertThat(messagePushes(phone)).isEmpty();

        append(deactivated, new UserReactivatedEvent(deactivated, admin, Instant.now()));
        send(conversationId, sender, "after the reactivation");
        only(pushesTo(phone));
    }

    @Test
    void aMessagePush_forSomeoneWhoLeftBeforeItWasSent_isDropped_soNoTextOfTheConversationReachesThem() {
        String sender = user("Sender");
        String leaver = user("Leaver");
        String phone = device(leaver);
        String conversationId = group("Secrets", sender, leaver);
        only(addedPushesTo(phone));
        appendTo(CONVERSATION_AGGREGATE, conversationId, new MemberRemovedEvent(conversationId, leaver, sender, false,
                Instant.now()));
        await().atMost(WAIT).until(() -> !conversations.isMember(conversationId, leaver));
        double dropped = pushCount("dropped");

        jobs.publish(NotificationJob.of(UUID.randomUUID().toString(), NotificationChannel.PUSH, PushNotifier.MESSAGE,
                leaver, null, Map.of(PushSender.TITLE, "Secrets", PushSender.BODY, "Sender: the secret",
                        PushSender.CONVERSATION_ID, conversationId, PushSender.MESSAGE_ID, "message-1",
                        PushSender.SEQ, "1"), Instant.now()));

        await().atMost(WAIT).until(() -> pushCount("dropped") == dropped + 1);
        assertThat(messagePushes(phone)).isEmpty();
    }

    @Test
    void memberWhoIsOnline_getsNoPush_andOneAgainOnceOffline() {
        String sender = user("Ken");
        String recipient = user("Dennis");
        String control = user("Control");
        String phone = device(recipient);
        String controlPhone = device(control);
        String conversationId = group("Unix", sender, recipient, control);
        Instant connected = Instant.now();
        TestBroker.publishPresence(recipient, true, connected);
        await().atMost(WAIT).until(() -> presence.online(List.of(recipient)).contains(recipient));

        send(conversationId, sender, "while online");
        only(pushesTo(controlPhone));
        assertThat(messagePushes(phone)).isEmpty();
        // A change older than the one applied (arriving late) changes nothing.
        TestBroker.publishPresence(recipient, false, connected.minusSeconds(60));
        TestBroker.publishPresence(recipient, false, connected.plusSeconds(1));
        await().atMost(WAIT).until(() -> presence.online(List.of(recipient)).isEmpty());
        send(conversationId, sender, "while offline");

        Request push = only(pushesTo(phone));
        assertThat(push.message().path("notification").path("body").asString()).isEqualTo("Ken: while offline");
    }

    @Test
    void aDeviceRegisteredBetweenTwoMessages_getsThePushOfTheSecond() {
        String sender = user("Barbara");
        String recipient = user("Frances");
        String control = user("Control");
        String controlPhone = device(control);
        String conversationId = group("Compilers", sender, recipient, control);

        // The notifier learns here that the recipient has no device, and must not go on believing it.
        send(conversationId, sender, "before the phone");
        only(pushesTo(controlPhone));
        String phone = device(recipient);
        send(conversationId, sender, "after the phone");

        Request push = only(pushesTo(phone));
        assertThat(push.message().path("notification").path("body").asString()).isEqualTo("Barbara: after the phone");
    }

    @Test
    void aGroupRenamedAndASenderRenamedBetweenTwoMessages_showTheirNewNamesInThePushOfTheSecond() {
        String sender = user("Alan");
        String recipient = user("Kathleen");
        String phone = device(recipient);
        String conversationId = group("Colossus", sender, recipient);

        send(conversationId, sender, "first");
        only(pushesTo(phone));
        appendTo(CONVERSATION_AGGREGATE, conversationId, new ConversationDetailsChangedEvent(conversationId, sender,
                "Bombe", null, Instant.now()));
        append(sender, new UserProfileChangedEvent(sender, "Alan T.", null, null, Instant.now()));
        send(conversationId, sender, "second");

        await().atMost(WAIT).until(() -> messagePushes(phone).size() == 2);
        awaitPushJobsSettled();
        JsonNode second = messagePushes(phone).get(1).message().path("notification");
        assertThat(second.path("title").asString()).isEqualTo("Bombe");
        assertThat(second.path("body").asString()).isEqualTo("Alan T.: second");
    }

    @Test
    void addedToAGroup_pushesYouWereAdded_toTheAddedMembers_butNotToTheCreator() {
        String creator = user("Creator");
        String first = user("First");
        String later = user("Later");
        String creatorPhone = device(creator);
        String firstPhone = device(first);
        String laterPhone = device(later);

        String conversationId = group("Book club", creator, first);
        JsonNode created = only(addedPushesTo(firstPhone)).message();
        appendTo(CONVERSATION_AGGREGATE, conversationId, new MemberAddedEvent(conversationId, later, MemberRole.MEMBER,
                first, 0, Instant.now()));
        JsonNode added = only(addedPushesTo(laterPhone)).message();

        assertThat(FakeFcm.requestsFor(creatorPhone)).isEmpty();
        assertThat(created.path("notification").path("title").asString()).isEqualTo("You were added to Book club");
        assertThat(created.path("notification").path("body").asString()).isEqualTo("Creator added you to Book club");
        assertThat(created.path("data").path("kind").asString()).isEqualTo("added");
        assertThat(added.path("notification").path("body").asString()).isEqualTo("First added you to Book club");
        assertThat(added.path("data").path("conversationId").asString()).isEqualTo(conversationId);
    }

    @Test
    void aTokenFcmReportsUnregistered_isRemoved_andNeverTriedAgain_whileTheOtherDeviceGetsIt() {
        String sender = user("Sender");
        String recipient = user("Recipient");
        String gone = device(recipient);
        String kept = device(recipient);
        FakeFcm.reply(gone, Reply.UNREGISTERED);
        String conversationId = direct(sender, recipient);
        double retried = pushCount("retried");

        send(conversationId, sender, "first");
        only(pushesTo(kept));
        only(pushesTo(gone));
        assertThat(pushCount("retried")).isEqualTo(retried);
        assertThat(devices.devices(recipient)).extracting(DeviceDirectory.Device::token).containsExactly(kept);

        send(conversationId, sender, "second");
        await().atMost(WAIT).until(() -> FakeFcm.requestsFor(kept).size() == 2);
        awaitPushJobsSettled();
        assertThat(FakeFcm.requestsFor(gone)).hasSize(1);
    }

    @Test
    void aFailingPush_isRetriedWithBackOff_thenDeadLettered() throws Exception {
        String sender = user("Sender");
        String recipient = user("Unlucky");
        String phone = device(recipient);
        FakeFcm.reply(phone, Reply.INTERNAL_ERROR);
        String conversationId = direct(sender, recipient);
        double retried = pushCount("retried");
        double deadLettered = pushCount("dead.lettered");

        EventMessage<?> sent = send(conversationId, sender, "will not arrive");

        await().atMost(WAIT).until(() -> pushCount("dead.lettered") == deadLettered + 1);
        assertThat(pushCount("retried")).isEqualTo(retried + TestBroker.RETRY_DELAYS.size());
        assertThat(FakeFcm.requestsFor(phone)).hasSize(TestBroker.RETRY_DELAYS.size() + 1);
        try (Connection connection = TestBroker.connect(); Channel channel = connection.createChannel()) {
            GetResponse dead = await().atMost(WAIT).until(
                    () -> channel.basicGet(TestBroker.PREFIX + ".dead", true), response -> response != null);
            assertThat(dead.getProps().getMessageId())
                    .isEqualTo(NotificationJob.key(sent.getIdentifier(), recipient, NotificationChannel.PUSH));
        }
    }

    @Test
    void aPushJobDeliveredTwice_isSentOnce() {
        String recipient = user("Twice");
        String phone = device(recipient);
        await().atMost(WAIT).until(() -> !devices.devices(recipient).isEmpty());
        NotificationJob job = NotificationJob.of(UUID.randomUUID().toString(), NotificationChannel.PUSH, "message",
                recipient, null, Map.of(PushSender.TITLE, "Title", PushSender.BODY, "Body"), Instant.now());
        double duplicates = pushCount("duplicates");

        jobs.publish(job);
        jobs.publish(job);

        await().atMost(WAIT).until(() -> pushCount("duplicates") == duplicates + 1);
        assertThat(only(pushesTo(phone)).message().path("notification").path("body").asString()).isEqualTo("Body");
    }

    @Test
    void replayingTheEventStream_rebuildsTheReadModels_butPushesNothingAgain() {
        String sender = user("Before");
        String recipient = user("Replayed");
        String phone = device(recipient);
        String conversationId = group("History", sender, recipient);
        send(conversationId, sender, "before the replay");
        only(pushesTo(phone));
        int requests = FakeFcm.total();
        double published = pushCount("published");

        // The notifiers run with the read models they read, in one processor; a reset replays the read models only.
        for (String group : List.of(NotificationProcessing.CONVERSATION_READ_MODEL,
                NotificationProcessing.DEVICE_READ_MODEL, NotificationProcessing.MESSAGE_NOTIFICATIONS)) {
            assertThat(processing.eventProcessorByProcessingGroup(group).orElseThrow().getName())
                    .isEqualTo(NotificationProcessing.READ_MODELS);
        }
        TrackingEventProcessor readModels = processing.eventProcessor(NotificationProcessing.READ_MODELS,
                TrackingEventProcessor.class).orElseThrow();
        readModels.shutDown();
        readModels.resetTokens();
        readModels.start();
        // Events are handled in order: once the push of an event after the reset arrived, the replay is over.
        send(conversationId, sender, "after the replay");
        await().atMost(WAIT).until(() -> messagePushes(phone).size() == 2);
        awaitPushJobsSettled();

        assertThat(FakeFcm.total()).isEqualTo(requests + 1);
        assertThat(pushCount("published")).isEqualTo(published + 1);
        assertThat(messagePushes(phone).getLast().message().path("notification").path("body").asString())
                .isEqualTo("Before: after the replay");
    }
}
