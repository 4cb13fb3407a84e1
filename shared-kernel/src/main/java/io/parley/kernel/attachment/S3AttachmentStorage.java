package io.parley.kernel.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Objects in an S3-compatible bucket (S3, MinIO, R2, …), under an optional key prefix. A range read is a ranged GET,
 * so a resumed download does not fetch what the client has.
 */
public final class S3AttachmentStorage implements AttachmentStorage {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3AttachmentStorage(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            s3.putObject(request -> request.bucket(bucket).key(objectKey(key)).contentType(contentType),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("Storing " + key + " in bucket " + bucket + " failed", e);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(objectKey(key));
        if (offset > 0 || length >= 0) {
            request.range("bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1)));
        }
        try {
            return s3.getObject(request.build());
        } catch (NoSuchKeyException missing) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw new IOException("Reading " + key + " from bucket " + bucket + " failed", e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(objectKey(key)));
        } catch (SdkException e) {
            throw new IOException("Deleting " + key + " from bucket " + bucket + " failed", e);
        }
    }

    private String objectKey(String key) {
        return prefix + AttachmentStorage.requireKey(key);
    }
}
