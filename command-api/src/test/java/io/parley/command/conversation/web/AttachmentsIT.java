package io.parley.command.conversation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;

import io.parley.command.attachment.AttachmentSweeper;
import io.parley.kernel.attachment.AttachmentStorage;
import io.parley.kernel.message.Attachment;
import io.parley.kernel.message.MessageSentEvent;
import io.parley.kernel.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Uploads over HTTP (limits, quota, types from the bytes, image metadata and thumbnails) and sending them: each
 * upload once, by its uploader, in its conversation; deleting the message or the account removes the bytes.
 */
class AttachmentsIT extends ConversationIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AttachmentStorage storage;

    @Autowired
    AttachmentSweeper sweeper;

    @Test
    void upload_ofAPhoto_answersItsTypeAndSize_storesItWithoutMetadata_andMakesAThumbnail() throws IOException {
        Actor ada = signUp("ada");
        String group = createGroup(ada, "Photos");

        Response png = upload(ada, group, "holiday.png", TestImages.pngWithMetadata(800, 600));
        Response jpeg = upload(ada, group, "beach.jpg", TestImages.jpegWithExif(640, 1280));

        assertThat(png.status()).as(png.toString()).isEqualTo(201);
        assertThat(png.json().get("contentType").asString()).isEqualTo("image/png");
        assertThat(png.json().get("name").asString()).isEqualTo("holiday.png");
        assertThat(png.json().get("width").asInt()).isEqualTo(800);
        assertThat(png.json().get("height").asInt()).isEqualTo(600);
        assertThat(png.json().get("thumbnail").asBoolean()).isTrue();
        for (Response photo : List.of(png, jpeg)) {
            String id = photo.json().get("attachmentId").asString();
            byte[] stored = stored(id);
            assertThat(stored).hasSize(photo.json().get("size").asInt());
            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.SECRET);
            BufferedImage image = TestImages.read(stored);
            assertThat(image.getWidth()).isEqualTo(photo.json().get("width").asInt());
            BufferedImage thumbnail = TestImages.read(stored(id + ".thumbnail"));
            assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isEqualTo(320);
        }
        BufferedImage portrait = TestImages.read(stored(jpeg.json().get("attachmentId").asString() + ".thumbnail"));
        assertThat(portrait.getWidth()).isEqualTo(160);
        assertThat(portrait.getHeight()).isEqualTo(320);
    }

    @Test
    void theType_comesFromTheBytes_notTheName() {
        Actor ada = signUp("ada");
        String group = createGroup(ada, "Types");

        Response pngNamedTxt = upload(ada, group, "notes.txt", TestImages.png(20, 10));
        Response htmlNamedPng = upload(ada, group, "cat.png",
                "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8));
        Response text = upload(ada, group, "notes.txt", "just some notes\n".getBytes(StandardCharsets.UTF_8));
        Response pdfNamedTxt = upload(ada, group, "report.txt",
                "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(pngNamedTxt.status()).isEqualTo(201);
        assertThat(pngNamedTxt.json().get("contentType").asString()).isEqualTo("image/png");
        assertThat(htmlNamedPng.status()).isEqualTo(415);
        assertThat(htmlNamedPng.code()).isEqualTo("ATTACHMENT_TYPE_NOT_ALLOWED");
        assertThat(text.json().get("contentType").asString()).isEqualTo("text/plain");
        assertThat(text.json().get("thumbnail").asBoolean()).isFalse();
        assertThat(text.json().get("width").isNull()).isTrue();
        assertThat(pdfNamedTxt.json().get("contentType").asString()).isEqualTo("application/pdf");
    }

    @Test
    void anUploadOverTheSizeLimit_is413_whetherAnnouncedOrChunked() throws Exception {
        Actor ada = signUp("ada");
        String group = createGroup(ada, "Big");
        byte[] tooBig = new byte[300 * 1024 + 1];

        Response announced = upload(ada, group, "big.txt", tooBig);
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create("http://localhost:" + port + attachments(group) + "?name=big.txt"))
                .header("Authorization", "Bearer " + ada.token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooBig)))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(chunked.body()).get("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void anUploadOverTheQuota_is409_andWhatIsStoredStays() {
        Actor ada = signUp("ada");
        String group = createGroup(ada, "Quota");
        byte[] file = "x".repeat(250 * 1024).getBytes(StandardCharsets.US_ASCII);

        Response first = upload(ada, group, "a.txt", file);
        Response second = upload(ada, group, "b.txt", file);
        Response third = upload(ada, group, "c.txt", file);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.code()).isEqualTo("QUOTA_EXCEEDED");
    }

    @Test
    void aStranger_getsTheSame404_forUploadAndSend_asForAnUnknownConversation() {
        Actor ada = signUp("ada");
        Actor stranger = signUp("stranger");
        String group = createGroup(ada, "Private");
        String attachmentId = uploaded(ada, group, "a.txt");

        Response upload = upload(stranger, group, "b.txt", "hello".getBytes(StandardCharsets.UTF_8));
        Response send = send(stranger, group, body("clientMessageId", "c1", "text", "",
                "attachmentIds", List.of(attachmentId)));
        Response unknown = upload(ada, "9e1b3c55-0000-4000-8000-000000000000", "c.txt",
                "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(upload.status()).isEqualTo(404);
        assertThat(send.status()).isEqualTo(404);
        assertThat(upload.code()).isEqualTo("CONVERSATION_NOT_FOUND").isEqualTo(unknown.code());
        assertThat(send.code()).isEqualTo("CONVERSATION_NOT_FOUND");
    }

    @Test
    void send_carriesTheAttachmentsInTheEvent_inTheOrderGiven_andTextMayBeEmpty() {
        Actor ada = signUp("ada");
        String group = createGroup(ada, "Sending");
        Response photo = upload(ada, group, "photo.png", TestImages.png(400, 200));
        String notes = uploaded(ada, group, "notes.txt");

        Response sent = send(ada, group, body("clientMessageId", "c1", "text", "  ",
                "attachmentIds", List.of(notes, photo.json().get("attachmentId").asString())));
        Response noText = send(ada, group, body("clientMessageId", "c2", "text", " "));

        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        MessageSentEvent event = events(group, MessageSentEvent.class).getFirst();
        assertThat(event.text()).isEmpty();
        assertThat(event.attachments()).extracting(Attachment::attachmentId)
                .containsExactly(notes, photo.json().get("attachmentId").asString());
        assertThat(event.attachments().get(1)).isEqualTo(new Attachment(photo.json().get("attachmentId").asString(),
                "photo.png", "image/png", photo.json().get("size").asLong(), 400, 200, true));
        assertThat(noText.code()).isEqualTo("MESSAGE_TEXT_EMPTY");
    }

    @Test
    void anAttachment_isSentOnce_byItsUploader_inItsConversation() {
        Actor ada = signUp("ada");
        Actor bob = signUp("bob");
        String group = createGroup(ada, "Rules", bob);
        String other = createGroup(ada, "Other", bob);
        String adas = uploaded(ada, group, "a.txt");
        String adasElsewhere = uploaded(ada, other, "b.txt");

        Response bobSendsAdas = send(bob, group, body("clientMessageId", "b1", "text", "mine now",
                "attachmentIds", List.of(adas)));
        Response wrongConversation = send(ada, group, body("clientMessageId", "a1", "text", "x",
                "attachmentIds", List.of(adasElsewhere)));
        Response unknown = send(ada, group, body("clientMessageId", "a2", "text", "x",
                "attachmentIds", List.of("9e1b3c55-0000-4000-8000-000000000000")));
        Response twiceInOne = send(ada, group, body("clientMessageId", "a3", "text", "x",
                "attachmentIds", List.of(adas, adas)));
        Response first = send(ada, group, body("clientMessageId", "a4", "text", "x", "attachmentIds", List.of(adas)));
        Response retry = send(ada, group, body("clientMessageId", "a4", "text", "x", "attachmentIds", List.of(adas)));
        Response again = send(ada, group, body("clientMessageId", "a5", "text", "x", "attachmentIds", List.of(adas)));
        Response eleven = send(ada, group, body("clientMessageId", "a6", "text", "x",
                "attachmentIds", java.util.Collections.nCopies(11, adasElsewhere)));

        for (Response refused : List.of(bobSendsAdas, wrongConversation, unknown, twiceInOne, again)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_ATTACHMENT");
        }
        assertThat(eleven.status()).isEqualTo(400);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(events(group, MessageSentEvent.class)).hasSize(1);
    }

    @Test
    void deletingTheMessageForEveryone_removesTheBytes() {
        Actor ada = signUp("ada");
        String group = createGroup(ada, "Deleting");
        Response photo = upload(ada, group, "photo.png", TestImages.png(400, 200));
        String id = photo.json().get("attachmentId").asString();
        Response sent = send(ada, group, body("clientMessageId", "c1", "text", "", "attachmentIds", List.of(id)));

        Response deleted = callAs(HttpMethod.DELETE,
                message(group, sent.json().get("messageId").asString()) + "?scope=everyone", null, ada);

        assertThat(deleted.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertGone(id);
            assertGone(id + ".thumbnail");
        });
    }

    @Test
    void deletingTheAccount_removesTheBytes_sentOrNot() {
        Actor ada = signUp("ada");
        String group = createGroup(ada, "Leaving");
        String sentOne = uploaded(ada, group, "a.txt");
        String unsent = uploaded(ada, group, "b.txt");
        send(ada, group, body("clientMessageId", "c1", "text", "", "attachmentIds", List.of(sentOne)));

        Response deleted = callAs(HttpMethod.DELETE, "/api/v1/users/me", null, ada);

        assertThat(deleted.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertGone(sentOne);
            assertGone(unsent);
        });
    }

    @Test
    void anUploadNotSentWithin24Hours_isRemoved_aSentOneStays() throws IOException {
        Actor ada = signUp("ada");
        String group = createGroup(ada, "Forgotten");
        String forgotten = uploaded(ada, group, "a.txt");
        String sentOne = uploaded(ada, group, "b.txt");
        String recent = uploaded(ada, group, "c.txt");
        send(ada, group, body("clientMessageId", "c1", "text", "", "attachmentIds", List.of(sentOne)));
        jdbc.sql("update attachment set uploaded_at = now() - interval '25 hours' where attachment_id in (?, ?)")
                .params(forgotten, sentOne)
                .update();

        sweeper.sweep();

        assertGone(forgotten);
        assertThat(stored(sentOne)).isNotEmpty();
        assertThat(stored(recent)).isNotEmpty();
        Response late = send(ada, group, body("clientMessageId", "c2", "text", "", "attachmentIds",
                List.of(forgotten)));
        assertThat(late.code()).isEqualTo("INVALID_ATTACHMENT");
    }

    static String attachments(String conversationId) {
        return conversation(conversationId) + "/attachments";
    }

    Response upload(Actor uploader, String conversationId, String name, byte[] bytes) {
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                    .uri(URI.create("http://localhost:" + port + attachments(conversationId) + "?name="
                            + URLEncoder.encode(name, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + uploader.token())
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), new org.springframework.http.HttpHeaders(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String uploaded(Actor uploader, String conversationId, String name) {
        Response response = upload(uploader, conversationId, name, ("contents of " + name).getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("attachmentId").asString();
    }

    private byte[] stored(String key) throws IOException {
        try (InputStream in = storage.open(key, 0, -1)) {
            return in.readAllBytes();
        }
    }

    private void assertGone(String key) {
        assertThatThrownBy(() -> stored(key)).isInstanceOf(NoSuchFileException.class);
    }
}
