package io.parley.kernel.privacy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one string field: a random 96-bit IV per value, the subject id as associated data (a value moved
 * to another user's event does not decrypt), stored as {@link #PREFIX} + Base64(IV, ciphertext and tag). The
 * prefix starts with a control character, which no accepted user input holds, so an old event's plaintext never
 * reads as ciphertext; {@link #ERASED_AT_WRITE} is what is stored for a subject whose key was already gone.
 */
final class FieldCipher {

    static final String PREFIX = "\u0001pd1:";
    static final String ERASED_AT_WRITE = PREFIX + "-";
    static final String ALGORITHM = "AES";
    static final int KEY_BYTES = 32;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    /**
     * A Cipher per thread, initialised anew for every value (a fresh IV, or the stored one): looking the provider's
     * implementation up per field was a tenth of the serializer's time in a burst (docs/benchmarks.md).
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FieldCipher::newCipher);

    static boolean isProtected(String stored) {
        return stored.startsWith(PREFIX);
    }

    String encrypt(String plaintext, SecretKey key, String subject) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The plaintext, or null when the value does not decrypt with this key for this subject (tampered, or moved). */
    String decrypt(String stored, SecretKey key, String subject) {
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            if (bytes.length < IV_BYTES + TAG_BITS / 8) {
                return null;
            }
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return null;
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }
}
