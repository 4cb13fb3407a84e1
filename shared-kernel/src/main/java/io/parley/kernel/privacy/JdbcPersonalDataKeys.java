package io.parley.kernel.privacy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keys in {@code personal_data_keys} (the event store's schema, so every service that reads events can read them),
 * remembered per instance in a bounded Caffeine cache so the hot path pays no database round trip after warm-up.
 * <p>
 * An erased subject keeps a row without key material (a tombstone): a later event of theirs can never get a fresh
 * key, and "erased" is an answer that never changes, so it is cached like a key. "No row" is not cached: it only
 * means the key is not created yet. Keys created or erased inside a transaction are cached only after it commits
 * (until then this thread sees them from the transaction's own map): a rolled-back key is never served, and
 * another instance sees an erasure within {@code ttl}, or at once when it reads the erasing event.
 */
public final class JdbcPersonalDataKeys implements PersonalDataKeys {

    private static final String INSERT = "insert into personal_data_keys (subject_id, key_bytes, created_at) "
            + "values (?, ?, now()) on conflict (subject_id) do nothing returning key_bytes";
    private static final String SELECT = "select key_bytes from personal_data_keys where subject_id = ?";
    private static final String ERASE = "insert into personal_data_keys (subject_id, key_bytes, created_at, erased_at) "
            + "values (?, null, now(), now()) on conflict (subject_id) "
            + "do update set key_bytes = null, erased_at = coalesce(personal_data_keys.erased_at, now())";

    /** A key, or none: the subject was erased. */
    private record Entry(SecretKey key) {
        static final Entry ERASED = new Entry(null);

        Optional<SecretKey> asOptional() {
            return Optional.ofNullable(key);
        }
    }

    private final JdbcTemplate jdbc;
    private final Cache<String, Entry> cache;
    private final SecureRandom random = new SecureRandom();

    public JdbcPersonalDataKeys(DataSource dataSource, long maximumSize, Duration ttl) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(ttl).build();
    }

    @Override
    public Optional<SecretKey> forWriting(String subjectId) {
        Entry known = known(subjectId);
        if (known == null) {
            known = load(subjectId);
        }
        if (known != null) {
            return known.asOptional();
        }
        byte[] fresh = new byte[FieldCipher.KEY_BYTES];
        random.nextBytes(fresh);
        List<byte[]> inserted = jdbc.query(INSERT, (row, n) -> row.getBytes(1), subjectId, fresh);
        if (inserted.isEmpty()) {
            // Another transaction created it meanwhile (this insert waited for its commit).
            Entry raced = load(subjectId);
            return raced == null ? Optional.empty() : raced.asOptional();
        }
        Entry created = new Entry(new SecretKeySpec(fresh, FieldCipher.ALGORITHM));
        remember(subjectId, created);
        return created.asOptional();
    }

    @Override
    public Optional<SecretKey> forReading(String subjectId) {
        Entry known = known(subjectId);
        if (known == null) {
            known = load(subjectId);
        }
        return known == null ? Optional.empty() : known.asOptional();
    }

    @Override
    public void erase(String subjectId) {
        jdbc.update(ERASE, subjectId);
        remember(subjectId, Entry.ERASED);
    }

    @Override
    public void forget(String subjectId) {
        cache.invalidate(subjectId);
    }

    private Entry known(String subjectId) {
        Map<String, Entry> pending = pending(false);
        Entry entry = pending != null ? pending.get(subjectId) : null;
        return entry != null ? entry : cache.getIfPresent(subjectId);
    }

    /** The stored entry, now cached; null (and not cached) when the subject has no key yet. */
    private Entry load(String subjectId) {
        List<byte[]> rows = jdbc.query(SELECT, (row, n) -> row.getBytes(1), subjectId);
        if (rows.isEmpty()) {
            return null;
        }
        Entry entry = rows.getFirst() == null ? Entry.ERASED
                : new Entry(new SecretKeySpec(rows.getFirst(), FieldCipher.ALGORITHM));
        cache.put(subjectId, entry);
        return entry;
    }

    private void remember(String subjectId, Entry entry) {
        Map<String, Entry> pending = pending(true);
        if (pending != null) {
            pending.put(subjectId, entry);
        } else {
            cache.put(subjectId, entry);
        }
    }

    /** This thread's transaction's keys not yet committed; null outside a transaction. */
    @SuppressWarnings("unchecked")
    private Map<String, Entry> pending(boolean create) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        Map<String, Entry> pending = (Map<String, Entry>) TransactionSynchronizationManager.getResource(this);
        if (pending == null && create) {
            Map<String, Entry> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(JdbcPersonalDataKeys.this);
                    if (status == STATUS_COMMITTED) {
                        cache.putAll(fresh);
                    }
                }
            });
            pending = fresh;
        }
        return pending;
    }
}
