package io.parley.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.parley.kernel.testing.TestImages;
import io.parley.system.ParleyClient.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A photo from upload to download across the running services, stored on S3 (an endpoint in this JVM): upload to
 * command-api, send, read the message and download the photo (whole, a range, the thumbnail) from query-api as a
 * member; a stranger gets 404 everywhere; deleting the message removes the objects from the bucket.
 */
class AttachmentJourneyIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ParleyStack stack;
    private static ParleyClient parley;

    @BeforeAll
    static void stack() throws Exception {
        stack = ParleyStack.get();
        parley = new ParleyClient(stack);
    }

    @Test
    void aPhoto_isUploadedSentAndDownloaded_throughS3_withoutItsLocation_andGoesWithItsMessage() throws Exception {
        User ada = parley.signUp("Ada");
        User bob = parley.signUp("Bob");
        User stranger = parley.signUp("Eve");
        String group = parley.post(ada, "/api/v1/conversations/groups",
                Map.of("name", "Trip", "memberIds", List.of(bob.userId()))).text("conversationId");

        HttpResponse<String> uploaded = upload(ada, group, "IMG_0001.jpg", TestImages.jpegWithExif(1200, 900));
        HttpResponse<String> strangerUpload = upload(stranger, group, "x.txt", "x".getBytes(StandardCharsets.UTF_8));
        JsonNode photo = JSON.readTree(uploaded.body());
        String id = photo.get("attachmentId").asString();
        Http.Reply sent = parley.post(ada, "/api/v1/conversations/" + group + "/messages",
                Map.of("clientMessageId", "trip-1", "text", "", "attachmentIds", List.of(id)));
        Http.Reply strangerSend = parley.post(stranger, "/api/v1/conversations/" + group + "/messages",
                Map.of("clientMessageId", "eve-1", "text", "", "attachmentIds", List.of(id)));

        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        assertThat(strangerUpload.statusCode()).isEqualTo(404);
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(201);
        assertThat(strangerSend.status()).isEqualTo(404);
        assertThat(stack.s3.keys(ParleyStack.BUCKET)).contains(id, id + ".thumbnail");

        JsonNode message = parley.get(bob, "/api/v1/conversations/" + group + "/messages").json().get("items").get(0);
        assertThat(message.get("attachments").get(0).get("width").asInt()).isEqualTo(1200);
        HttpResponse<byte[]> whole = download(bob, "/api/v1/attachments/" + id, null);
        HttpResponse<byte[]> range = download(bob, "/api/v1/attachments/" + id, "bytes=0-1");
        HttpResponse<byte[]> thumbnail = download(bob, "/api/v1/attachments/" + id + "/thumbnail", null);
        HttpResponse<byte[]> strangers = download(stranger, "/api/v1/attachments/" + id, null);

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(stack.s3.object(ParleyStack.BUCKET, id));
        assertThat(new String(whole.body(), StandardCharsets.ISO_8859_1)).doesNotContain(TestImages.SECRET);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).containsExactly(0xFF, 0xD8);
        assertThat(TestImages.read(thumbnail.body()).getWidth()).isEqualTo(320);
        assertThat(strangers.statusCode()).isEqualTo(404);

        Http.Reply deleted = parley.delete(ada, "/api/v1/conversations/" + group + "/messages/"
                + sent.text("messageId") + "?scope=everyone");
        assertThat(deleted.status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(stack.s3.keys(ParleyStack.BUCKET)).doesNotContain(id, id + ".thumbnail");
            assertThat(download(bob, "/api/v1/attachments/" + id, null).statusCode()).isEqualTo(404);
        });
    }

    private static HttpResponse<String> upload(User user, String conversationId, String name, byte[] bytes)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder()
                .uri(URI.create(stack.command.baseUrl() + "/api/v1/conversations/" + conversationId
                        + "/attachments?name=" + name))
                .header("Authorization", "Bearer " + user.accessToken())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> download(User user, String path, String range)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .uri(URI.create(stack.query.baseUrl() + path))
                .header("Authorization", "Bearer " + user.accessToken());
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
