package io.parley.command.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.parley.kernel.account.Role;
import io.parley.kernel.error.DomainException;
import io.parley.kernel.error.ErrorCode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Joins the caller's transaction (the unit of work's Spring transaction) through the shared data source. */
@Repository
class JdbcCredentialStore implements CredentialStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcCredentialStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void register(String userId, String email, String passwordHash, Set<Role> roles) {
        try {
            jdbc.sql("""
                            insert into credentials (user_id, email_normalized, password_hash, roles, created_at)
                            values (:userId, :email, :hash, :roles, :now)""")
                    .param("userId", userId)
                    .param("email", CredentialStore.normalize(email))
                    .param("hash", passwordHash)
                    .param("roles", roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")))
                    .param("now", now())
                    .update();
        } catch (DuplicateKeyException taken) {
            // The unique index decides between concurrent registrations; a check before the insert could not.
            throw new DomainException(ErrorCode.EMAIL_TAKEN, "An account with this email exists already.");
        }
    }

    @Override
    public void changePasswordHash(String userId, String passwordHash) {
        jdbc.sql("update credentials set password_hash = :hash where user_id = :userId and deleted_at is null")
                .param("hash", passwordHash)
                .param("userId", userId)
                .update();
    }

    @Override
    public void delete(String userId) {
        jdbc.sql("""
                        update credentials set email_normalized = null, password_hash = null, deleted_at = :now
                        where user_id = :userId""")
                .param("now", now())
                .param("userId", userId)
                .update();
    }

    @Override
    public void deactivate(String userId, boolean deactivated) {
        jdbc.sql("update credentials set deactivated_at = case when :deactivated then :now end"
                        + " where user_id = :userId and deleted_at is null")
                .param("deactivated", deactivated)
                .param("now", now())
                .param("userId", userId)
                .update();
    }

    @Override
    public Optional<Credentials> findByEmail(String email) {
        return jdbc.sql("""
                        select user_id, password_hash, roles, deactivated_at is not null from credentials
                        where email_normalized = :email and deleted_at is null""")
                .param("email", CredentialStore.normalize(email))
                .query(JdbcCredentialStore::credentials)
                .optional();
    }

    @Override
    public Optional<Credentials> findById(String userId) {
        return jdbc.sql("""
                        select user_id, password_hash, roles, deactivated_at is not null from credentials
                        where user_id = :userId and deleted_at is null""")
                .param("userId", userId)
                .query(JdbcCredentialStore::credentials)
                .optional();
    }

    @Override
    public Set<String> existing(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        List<String> found = jdbc.sql("select user_id from credentials where user_id in (:ids) and deleted_at is null")
                .param("ids", List.copyOf(new HashSet<>(userIds)))
                .query(String.class)
                .list();
        return Set.copyOf(found);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Credentials credentials(ResultSet rs, int row) throws SQLException {
        return new Credentials(rs.getString(1), rs.getString(2), roles(rs.getString(3)), rs.getBoolean(4));
    }

    private static Set<Role> roles(String names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(names.split(",")).filter(name -> !name.isBlank()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }
}
