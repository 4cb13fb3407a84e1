package io.parley.kernel.attachment;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The attachment store of a service that sets {@code parley.attachments.store}: {@code filesystem} (files under
 * {@code parley.attachments.directory}) or {@code s3} (a bucket at {@code parley.attachments.s3.*}). Services that
 * neither store nor serve files leave it unset and get none.
 */
@AutoConfiguration
public class AttachmentStorageAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "parley.attachments.store", havingValue = "filesystem")
    AttachmentStorage fileSystemAttachmentStorage(
            @Value("${parley.attachments.directory:${parley.data-dir:./data}/attachments}") Path directory) {
        return new FileSystemAttachmentStorage(directory);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(S3Client.class)
    @ConditionalOnProperty(name = "parley.attachments.store", havingValue = "s3")
    static class S3 {

        /**
         * Checksums only where S3 requires them: stores that call themselves S3-compatible (older MinIO, R2) refuse
         * the SDK's newer default trailing checksums.
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        S3Client attachmentS3Client(@Value("${parley.attachments.s3.endpoint:}") String endpoint,
                                    @Value("${parley.attachments.s3.region:us-east-1}") String region,
                                    @Value("${parley.attachments.s3.access-key:}") String accessKey,
                                    @Value("${parley.attachments.s3.secret-key:}") String secretKey,
                                    @Value("${parley.attachments.s3.path-style:true}") boolean pathStyle) {
            S3ClientBuilder builder = S3Client.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .region(Region.of(region))
                    .forcePathStyle(pathStyle)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .credentialsProvider(accessKey.isEmpty()
                            ? DefaultCredentialsProvider.builder().build()
                            : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
            if (!endpoint.isEmpty()) {
                builder.endpointOverride(URI.create(endpoint));
            }
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean
        AttachmentStorage s3AttachmentStorage(S3Client attachmentS3Client,
                                              @Value("${parley.attachments.s3.bucket}") String bucket,
                                              @Value("${parley.attachments.s3.prefix:}") String prefix) {
            return new S3AttachmentStorage(attachmentS3Client, bucket, prefix);
        }
    }
}
