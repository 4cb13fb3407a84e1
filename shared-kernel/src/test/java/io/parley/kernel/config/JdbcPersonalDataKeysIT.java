package io.parley.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.SecretKey;

import io.parley.kernel.privacy.JdbcPersonalDataKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The personal data keys on the real PostgreSQL: created once, erased for good at commit, cached per instance. */
class JdbcPersonalDataKeysIT {

    private static final Duration LONG = Duration.ofHours(1);

    private static PGSimpleDataSource dataSource;
    private static TransactionTemplate transaction;

    private final String subject = "user-" + UUID.randomUUID();

    @BeforeAll
    static void database() {
        dataSource = KernelDatabase.eventStore();
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void aKey_isCreatedOnce_andReadByEveryInstance() {
        SecretKey created = keys(LONG).forWriting(subject).orElseThrow();

        assertThat(keys(LONG).forWriting(subject)).contains(created);
        assertThat(keys(LONG).forReading(subject)).contains(created);
        assertThat(created.getEncoded()).hasSize(32);
    }

    @Test
    void erasing_takesEffectAtCommit_andForGood() {
        JdbcPersonalDataKeys keys = keys(LONG);
        keys.forWriting(subject).orElseThrow();

        transaction.executeWithoutResult(status -> {
            keys.erase(subject);
            assertThat(keys.forReading(subject)).as("inside the erasing transaction").isEmpty();
        });

        assertThat(keys.forReading(subject)).isEmpty();
        assertThat(keys(LONG).forReading(subject)).isEmpty();
        assertThat(keys(LONG).forWriting(subject)).as("no fresh key for an erased subject").isEmpty();
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from personal_data_keys where subject_id = ? and key_bytes is not null",
                Integer.class, subject)).isZero();
    }

    @Test
    void anErasureRolledBack_keepsTheKey() {
        JdbcPersonalDataKeys keys = keys(LONG);
        SecretKey key = keys.forWriting(subject).orElseThrow();

        transaction.executeWithoutResult(status -> {
            keys.erase(subject);
            status.setRollbackOnly();
        });

        assertThat(keys.forReading(subject)).contains(key);
        assertThat(keys(LONG).forReading(subject)).contains(key);
    }

    @Test
    void aKeyCreatedInARolledBackTransaction_isNeverServed() {
        JdbcPersonalDataKeys keys = keys(LONG);
        Optional<SecretKey> rolledBack = transaction.execute(status -> {
            Optional<SecretKey> key = keys.forWriting(subject);
            assertThat(keys.forWriting(subject)).as("the same key within the transaction").isEqualTo(key);
            status.setRollbackOnly();
            return key;
        });

        SecretKey kept = keys.forWriting(subject).orElseThrow();

        assertThat(kept).isNotEqualTo(rolledBack.orElseThrow());
        assertThat(keys(LONG).forReading(subject)).contains(kept);
    }

    @Test
    void aSubjectWithoutAKey_isNotRememberedAsKeyless() {
        JdbcPersonalDataKeys reader = keys(LONG);
        assertThat(reader.forReading(subject)).isEmpty();

        SecretKey created = keys(LONG).forWriting(subject).orElseThrow();

        assertThat(reader.forReading(subject)).contains(created);
    }

    @Test
    void aCachedKey_isServedWithoutTheDatabase_untilItExpires() {
        JdbcPersonalDataKeys cached = keys(Duration.ofMillis(300));
        keys(LONG).forWriting(subject).orElseThrow();
        assertThat(cached.forReading(subject)).isPresent();

        keys(LONG).erase(subject);

        assertThat(cached.forReading(subject)).as("from the cache").isPresent();
        await().atMost(Duration.ofSeconds(5)).until(() -> cached.forReading(subject).isEmpty());
    }

    @Test
    void forgetting_dropsTheCachedKeyAtOnce() {
        JdbcPersonalDataKeys cached = keys(LONG);
        keys(LONG).forWriting(subject).orElseThrow();
        assertThat(cached.forReading(subject)).isPresent();
        keys(LONG).erase(subject);

        cached.forget(subject);

        assertThat(cached.forReading(subject)).isEmpty();
    }

    private static JdbcPersonalDataKeys keys(Duration ttl) {
        return new JdbcPersonalDataKeys(dataSource, 1_000, ttl);
    }
}
