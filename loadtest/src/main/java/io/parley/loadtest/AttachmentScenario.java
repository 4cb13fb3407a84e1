package io.parley.loadtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Attachment throughput: {@code files} files of {@code sizeKb} KB (a ZIP of random bytes, stored: an allowed type
 * that nothing compresses) uploaded
 * by {@code concurrency} uploaders at once to one group, sent in messages, then downloaded by another member as
 * fast as {@code concurrency} downloaders go. Answers MB/s each way and the latency per file.
 */
final class AttachmentScenario {

    private final ParleyApi api;
    private final int files;
    private final int sizeKb;
    private final int concurrency;

    AttachmentScenario(ParleyApi api, int files, int sizeKb, int concurrency) {
        this.api = api;
        this.files = files;
        this.sizeKb = sizeKb;
        this.concurrency = concurrency;
    }

    Map<String, Object> run() throws Exception {
        ParleyApi.User uploader = api.signUp("Bench Uploader");
        ParleyApi.User reader = api.signUp("Bench Reader");
        String conversationId = api.post(uploader, "/api/v1/conversations/groups", Map.of("name", "Attachment bench",
                "memberIds", List.of(reader.userId()))).expect(201).body().path("conversationId").asString();
        byte[] file = storedZip(sizeKb * 1024);
        Progress.say("uploading %d files of %d KB with %d uploaders", files, sizeKb, concurrency);

        Latencies uploads = new Latencies();
        List<String> ids = new ArrayList<>();
        long uploadStart = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<ParleyApi.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < files; i++) {
                replies.add(pool.submit(() -> api.upload(uploader, conversationId, "bench.zip", file).expect(201)));
            }
            for (Future<ParleyApi.Reply> reply : replies) {
                uploads.add(reply.get().nanos());
                ids.add(reply.get().body().path("attachmentId").asString());
            }
        }
        double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;
        String position = null;
        for (int from = 0; from < ids.size(); from += 10) {
            position = api.post(uploader, "/api/v1/conversations/" + conversationId + "/messages", Map.of(
                    "clientMessageId", UUID.randomUUID().toString(), "text", "",
                    "attachmentIds", ids.subList(from, Math.min(ids.size(), from + 10)))).expect(201).position();
        }
        api.get(reader, "/api/v1/conversations/" + conversationId + "/messages", position).expect(200);

        Progress.say("downloading them with %d downloaders", concurrency);
        Latencies downloads = new Latencies();
        long downloaded = 0;
        long downloadStart = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<ParleyApi.Download>> answers = new ArrayList<>();
            for (String id : ids) {
                answers.add(pool.submit(() -> api.download(reader, id)));
            }
            for (Future<ParleyApi.Download> answer : answers) {
                downloads.add(answer.get().nanos());
                downloaded += answer.get().bytes();
            }
        }
        double downloadSeconds = (System.nanoTime() - downloadStart) / 1e9;
        double megabytes = (double) files * file.length / (1024 * 1024);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("files", files);
        result.put("fileKb", sizeKb);
        result.put("concurrency", concurrency);
        result.put("uploadMegabytesPerSecond", Math.round(megabytes / uploadSeconds * 10) / 10.0);
        result.put("downloadMegabytesPerSecond", Math.round(downloaded / (1024.0 * 1024) / downloadSeconds * 10) / 10.0);
        result.put("upload", uploads.summary());
        result.put("download", downloads.summary());
        Progress.say("upload %.1f MB/s, download %.1f MB/s", megabytes / uploadSeconds,
                downloaded / (1024.0 * 1024) / downloadSeconds);
        return result;
    }

    /** A ZIP archive of about {@code size} bytes holding one uncompressed entry of random bytes. */
    static byte[] storedZip(int size) throws IOException {
        byte[] content = new byte[Math.max(1, size - 200)];
        ThreadLocalRandom.current().nextBytes(content);
        CRC32 crc = new CRC32();
        crc.update(content);
        ZipEntry entry = new ZipEntry("random.bin");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
