package io.parley.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

class SigningKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void devKeys_areGeneratedAtFirstStart_withAPrivateKeyOnlyTheOwnerCanRead() throws Exception {
        SigningKeys keys = SigningKeys.load(noKeysConfigured(), dataDir, new DefaultResourceLoader());

        Path privateKey = dataDir.resolve("keys").resolve(SigningKeys.PRIVATE_KEY_FILE);
        assertThat(privateKey).exists();
        assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey))).isEqualTo("rw-------");
        assertThat(dataDir.resolve("keys").resolve(SigningKeys.PUBLIC_KEY_FILE)).exists();
        assertThat(keys.publicKey().getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void devKeys_areReusedAtTheNextStart() {
        SigningKeys first = SigningKeys.load(noKeysConfigured(), dataDir, new DefaultResourceLoader());

        SigningKeys second = SigningKeys.load(noKeysConfigured(), dataDir, new DefaultResourceLoader());

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
    }

    @Test
    void configuredKeys_areReadFromTheirLocations() {
        SigningKeys generated = SigningKeys.devKeys(dataDir.resolve("elsewhere"));
        SecurityProperties.Jwt configured = new SecurityProperties.Jwt(
                "file:" + dataDir.resolve("elsewhere").resolve(SigningKeys.PRIVATE_KEY_FILE),
                "file:" + dataDir.resolve("elsewhere").resolve(SigningKeys.PUBLIC_KEY_FILE),
                java.time.Duration.ofMinutes(15), java.time.Duration.ofDays(30));

        SigningKeys loaded = SigningKeys.load(configured, dataDir, new DefaultResourceLoader());

        assertThat(loaded.keyId()).isEqualTo(generated.keyId());
        assertThat(dataDir.resolve("keys")).doesNotExist();
    }

    private static SecurityProperties.Jwt noKeysConfigured() {
        return new SecurityProperties.Jwt("", "", java.time.Duration.ofMinutes(15), java.time.Duration.ofDays(30));
    }
}
