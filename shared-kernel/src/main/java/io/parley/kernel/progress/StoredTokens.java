package io.parley.kernel.progress;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tokens a projection's segments have stored, read without claiming them (Axon's {@code fetchToken} claims):
 * how far the segments claimed by another instance of this service have got. A stored token trails its owner's
 * progress by at most one batch, and is stored after the batch's read model writes, so it never overstates them.
 * The segment numbers of a processor change rarely and are cached for a few seconds.
 */
public class StoredTokens {

    private static final Duration SEGMENTS_TTL = Duration.ofSeconds(5);

    private final ObjectProvider<TokenStore> tokenStores;
    private final ObjectProvider<TokenSchema> schemas;
    private final JdbcTemplate jdbc;
    private final Map<String, Segments> segments = new ConcurrentHashMap<>();

    public StoredTokens(ObjectProvider<TokenStore> tokenStores, ObjectProvider<TokenSchema> schemas, JdbcTemplate jdbc) {
        this.tokenStores = tokenStores;
        this.schemas = schemas;
        this.jdbc = jdbc;
    }

    /** The segment numbers the processor has in the token store (none when it has no stored tokens). */
    public List<Integer> segments(String processorName) {
        long now = System.nanoTime();
        Segments known = segments.get(processorName);
        if (known == null || now - known.readAt() > SEGMENTS_TTL.toNanos()) {
            TokenStore store = tokenStores.getIfAvailable();
            int[] stored = store == null ? new int[0] : store.fetchSegments(processorName);
            known = new Segments(Arrays.stream(stored).boxed().toList(), now);
            segments.put(processorName, known);
        }
        return known.ids();
    }

    /** The stored token of every segment of the processor (a null value: not started yet). */
    public Map<Integer, TrackingToken> tokens(String processorName) {
        TokenStore store = tokenStores.getIfAvailable();
        TokenSchema schema = schemas.getIfAvailable();
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        if (!(store instanceof JdbcTokenStore jdbcStore) || schema == null) {
            return tokens;
        }
        jdbc.query("SELECT " + schema.segmentColumn() + ", " + schema.tokenColumn() + ", " + schema.tokenTypeColumn()
                        + " FROM " + schema.tokenTable() + " WHERE " + schema.processorNameColumn() + " = ?",
                row -> {
                    int segment = row.getInt(1);
                    byte[] token = row.getBytes(2);
                    String type = row.getString(3);
                    tokens.put(segment, token == null || type == null ? null
                            : new GenericTokenEntry<>(token, type, null, null, processorName, segment, byte[].class)
                                    .getToken(jdbcStore.serializer()));
                }, processorName);
        return tokens;
    }

    private record Segments(List<Integer> ids, long readAt) {
    }
}
