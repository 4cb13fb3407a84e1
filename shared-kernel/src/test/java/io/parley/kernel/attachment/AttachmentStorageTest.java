package io.parley.kernel.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import io.parley.kernel.testing.InJvmS3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The storage port's contract, kept by the file-system store and by the S3 adapter against an in-JVM S3 server. */
class AttachmentStorageTest {

    private static final InJvmS3Server S3 = new InJvmS3Server().bucket("parley");

    @TempDir
    static Path directory;

    static Stream<AttachmentStorage> stores() {
        S3Client client = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(S3.endpoint()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .build();
        return Stream.of(new FileSystemAttachmentStorage(directory.resolve("attachments")),
                new S3AttachmentStorage(client, "parley", "attachments/"));
    }

    @AfterAll
    static void stop() {
        S3.close();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void put_thenOpen_givesTheBytes_wholeOrARange(AttachmentStorage storage) throws IOException {
        String key = UUID.randomUUID().toString();
        Path file = Files.writeString(Files.createTempFile(directory, "upload", ".txt"), "0123456789");

        storage.put(key, file, "text/plain");

        assertThat(read(storage.open(key, 0, -1))).isEqualTo("0123456789");
        assertThat(read(storage.open(key, 3, 4))).isEqualTo("3456");
        assertThat(read(storage.open(key, 7, -1))).isEqualTo("789");
        assertThat(file).exists();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void delete_removesTheBytes_andDeletingAgainIsFine(AttachmentStorage storage) throws IOException {
        String key = UUID.randomUUID() + ".thumbnail";
        storage.put(key, Files.writeString(Files.createTempFile(directory, "upload", ".txt"), "x"), "image/jpeg");

        storage.delete(key);
        storage.delete(key);

        assertThatThrownBy(() -> storage.open(key, 0, -1)).isInstanceOf(NoSuchFileException.class);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void keys_areAttachmentIds_neverPaths(AttachmentStorage storage) {
        assertThatThrownBy(() -> storage.open("../../etc/passwd", 0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String read(InputStream stream) throws IOException {
        try (stream) {
            return new String(stream.readAllBytes());
        }
    }
}
