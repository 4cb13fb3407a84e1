package io.parley.kernel.privacy;

import java.util.Optional;

import javax.crypto.SecretKey;

/** One AES-256 key per data subject (a user id), kept on the command side's PostgreSQL; erasing it is for good. */
public interface PersonalDataKeys {

    /** The key to encrypt the subject's data with, created at first use; empty once the subject was erased. */
    Optional<SecretKey> forWriting(String subjectId);

    /** The key to decrypt the subject's data with; empty when it was erased (or is unknown). */
    Optional<SecretKey> forReading(String subjectId);

    /** Erases the subject's key in the caller's transaction: after its commit nothing of theirs decrypts again. */
    void erase(String subjectId);

    /** Drops what this instance remembers of the subject's key, so the next use asks the store. */
    void forget(String subjectId);
}
