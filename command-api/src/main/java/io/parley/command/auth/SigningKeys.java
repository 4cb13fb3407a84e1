package io.parley.command.auth;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The RS256 key pair that signs access tokens. Production keys come from configured PEM files; otherwise a
 * dev pair is generated at first start and kept under {@code <data-dir>/keys} so tokens survive a restart.
 */
final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private final RSAKey key;

    private SigningKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        try {
            RSAKey withoutId = new RSAKey.Builder(publicKey).build();
            this.key = new RSAKey.Builder(publicKey)
                    .privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(withoutId.computeThumbprint().toString())
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key id", e);
        }
    }

    static SigningKeys load(SecurityProperties.Jwt jwt, Path dataDir, ResourceLoader resources) {
        if (jwt.keysConfigured()) {
            return new SigningKeys(
                    read(resources, jwt.publicKeyLocation(), true),
                    read(resources, jwt.privateKeyLocation(), false));
        }
        return devKeys(dataDir.resolve("keys"));
    }

    static SigningKeys devKeys(Path directory) {
        Path privateFile = directory.resolve(PRIVATE_KEY_FILE);
        Path publicFile = directory.resolve(PUBLIC_KEY_FILE);
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                log.info("Using the dev signing keys in {}", directory);
                try (InputStream publicIn = Files.newInputStream(publicFile);
                     InputStream privateIn = Files.newInputStream(privateFile)) {
                    return new SigningKeys(RsaKeyConverters.x509().convert(publicIn),
                            RsaKeyConverters.pkcs8().convert(privateIn));
                }
            }
            KeyPair pair = generate();
            Files.createDirectories(directory);
            write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
            write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
            log.warn("Generated dev signing keys in {}; configure parley.security.jwt.*-key-location in production",
                    directory);
            return new SigningKeys((RSAPublicKey) pair.getPublic(), (RSAPrivateKey) pair.getPrivate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dev signing keys in " + directory, e);
        }
    }

    RSAKey rsaKey() {
        return key;
    }

    RSAPublicKey publicKey() {
        try {
            return key.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String keyId() {
        return key.getKeyID();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has RSA", e);
        }
    }

    /** Written to a temporary file first, so a crash never leaves half a key behind. */
    private static void write(Path target, String content, boolean secret) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret && supportsPosix(target)) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, content, StandardCharsets.US_ASCII);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    @SuppressWarnings("unchecked")
    private static <K> K read(ResourceLoader resources, String location, boolean publicKey) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return (K) (publicKey ? RsaKeyConverters.x509().convert(in) : RsaKeyConverters.pkcs8().convert(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key at " + location, e);
        }
    }
}
