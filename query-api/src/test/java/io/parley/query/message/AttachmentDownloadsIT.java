package io.parley.query.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.parley.kernel.attachment.AttachmentStorage;
import io.parley.kernel.message.Attachment;
import io.parley.query.support.ConversationLog;
import io.parley.query.support.QueryApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Downloads of sent attachments: members get the bytes (whole, a range, the thumbnail) with safe headers; a
 * stranger, an unknown id, an unsent upload and a deleted message all get the same 404.
 */
class AttachmentDownloadsIT extends QueryApiIntegrationTest {

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final String ada = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();
    private final String stranger = UUID.randomUUID().toString();

    @Autowired
    AttachmentStorage storage;

    @TempDir
    Path files;

    @Test
    void aMember_downloadsTheBytes_wholeOrARange_withSafeHeaders() throws IOException {
        Attachment report = stored("report.txt", "text/plain", "0123456789".getBytes(StandardCharsets.UTF_8), false);
        Attachment page = stored("page.html", "text/html", "<html><script>x</script></html>".getBytes(
                StandardCharsets.UTF_8), false);
        ConversationLog group = ConversationLog.group(ada, "Files", List.of(bob), start);
        String messageId = group.send(ada, "", List.of(report, page));
        long position = appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());

        ResponseEntity<byte[]> whole = download("/api/v1/attachments/" + report.attachmentId(), bob, position, null);
        ResponseEntity<byte[]> range = download("/api/v1/attachments/" + report.attachmentId(), bob, position,
                "bytes=2-5");
        ResponseEntity<byte[]> suffix = download("/api/v1/attachments/" + report.attachmentId(), bob, position,
                "bytes=-3");
        ResponseEntity<byte[]> beyond = download("/api/v1/attachments/" + report.attachmentId(), bob, position,
                "bytes=10-");
        ResponseEntity<byte[]> html = download("/api/v1/attachments/" + page.attachmentId(), bob, position, null);

        assertThat(whole.getStatusCode().value()).isEqualTo(200);
        assertThat(new String(whole.getBody(), StandardCharsets.UTF_8)).isEqualTo("0123456789");
        assertThat(whole.getHeaders().getContentType().toString()).isEqualTo("text/plain");
        assertThat(whole.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("inline;")
                .contains("report.txt");
        assertThat(whole.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(whole.getHeaders().getFirst(HttpHeaders.ACCEPT_RANGES)).isEqualTo("bytes");
        assertThat(range.getStatusCode().value()).isEqualTo(206);
        assertThat(new String(range.getBody(), StandardCharsets.UTF_8)).isEqualTo("2345");
        assertThat(range.getHeaders().getFirst(HttpHeaders.CONTENT_RANGE)).isEqualTo("bytes 2-5/10");
        assertThat(new String(suffix.getBody(), StandardCharsets.UTF_8)).isEqualTo("789");
        assertThat(beyond.getStatusCode().value()).isEqualTo(416);
        assertThat(html.getHeaders().getContentType().toString()).isEqualTo("application/octet-stream");
        assertThat(html.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;");
        assertThat(html.getHeaders().getFirst("Content-Security-Policy")).contains("sandbox");

        Response messages = getAtPosition("/api/v1/conversations/" + group.id() + "/messages", token(bob), position);
        assertThat(messages.json().get("items").get(0).get("messageId").asString()).isEqualTo(messageId);
        assertThat(messages.json().get("items").get(0).get("attachments").get(0).get("name").asString())
                .isEqualTo("report.txt");
    }

    @Test
    void theThumbnail_isServedToMembers_asJpeg() throws IOException {
        Attachment photo = stored("photo.png", "image/png", new byte[] {1, 2, 3}, true);
        ConversationLog group = ConversationLog.group(ada, "Photos", List.of(bob), start);
        group.send(ada, "look", List.of(photo));
        long position = appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());

        ResponseEntity<byte[]> thumbnail = download("/api/v1/attachments/" + photo.attachmentId() + "/thumbnail", bob,
                position, null);

        assertThat(thumbnail.getStatusCode().value()).isEqualTo(200);
        assertThat(thumbnail.getHeaders().getContentType().toString()).isEqualTo("image/jpeg");
        assertThat(thumbnail.getBody()).containsExactly(9, 9, 9);
    }

    @Test
    void aStranger_anUnknownId_anUnsentUpload_andADeletedMessage_allGetTheSame404() throws IOException {
        Attachment kept = stored("a.txt", "text/plain", "a".getBytes(StandardCharsets.UTF_8), false);
        Attachment deleted = stored("b.txt", "text/plain", "b".getBytes(StandardCharsets.UTF_8), false);
        Attachment unsent = stored("c.txt", "text/plain", "c".getBytes(StandardCharsets.UTF_8), false);
        ConversationLog group = ConversationLog.group(ada, "Private", List.of(bob), start);
        group.send(ada, "", List.of(kept));
        String gone = group.send(ada, "", List.of(deleted));
        group.deleteForEveryone(gone, ada);
        long position = appendTo(ConversationLog.AGGREGATE, group.id(), group.drain());

        ResponseEntity<byte[]> member = download("/api/v1/attachments/" + kept.attachmentId(), bob, position, null);
        List<ResponseEntity<byte[]>> refused = List.of(
                download("/api/v1/attachments/" + kept.attachmentId(), stranger, position, null),
                download("/api/v1/attachments/" + kept.attachmentId() + "/thumbnail", stranger, position, null),
                download("/api/v1/attachments/" + UUID.randomUUID(), bob, position, null),
                download("/api/v1/attachments/" + unsent.attachmentId(), ada, position, null),
                download("/api/v1/attachments/" + deleted.attachmentId(), ada, position, null),
                download("/api/v1/attachments/" + kept.attachmentId() + ".thumbnail", bob, position, null));

        assertThat(member.getStatusCode().value()).isEqualTo(200);
        assertThat(refused).allSatisfy(response -> {
            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(new String(response.getBody(), StandardCharsets.UTF_8)).contains("ATTACHMENT_NOT_FOUND");
        });
        Response messages = getAtPosition("/api/v1/conversations/" + group.id() + "/messages", token(ada), position);
        assertThat(messages.json().get("items").get(1).get("attachments").isEmpty()).isTrue();
    }

    private Attachment stored(String name, String type, byte[] bytes, boolean thumbnail) throws IOException {
        String id = UUID.randomUUID().toString();
        storage.put(id, Files.write(files.resolve(id), bytes), type);
        if (thumbnail) {
            storage.put(id + ".thumbnail", Files.write(files.resolve(id + ".t"), new byte[] {9, 9, 9}), "image/jpeg");
        }
        return new Attachment(id, name, type, bytes.length, thumbnail ? 4 : null, thumbnail ? 3 : null, thumbnail);
    }

    private ResponseEntity<byte[]> download(String path, String userId, long position, String range) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port())
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build()
                .get().uri(path)
                .headers(headers -> {
                    headers.setBearerAuth(token(userId));
                    headers.set("X-Min-Position", Long.toString(position));
                    if (range != null) {
                        headers.set(HttpHeaders.RANGE, range);
                    }
                })
                .retrieve()
                .toEntity(byte[].class);
    }
}
