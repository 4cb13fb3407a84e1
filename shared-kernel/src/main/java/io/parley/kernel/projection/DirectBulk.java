package io.parley.kernel.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One bulk write of a projection's batch, built from Spring's {@link Query} and {@link Update} as the projections
 * write them elsewhere, but handed to the driver with only their values converted ({@code Instant}, records, enums,
 * sets): Spring's bulk operations map every filter and update key against the document's properties, per item,
 * which was a fifth of query-api's CPU in a burst (docs/benchmarks.md). So the keys must be the stored field names,
 * as they are in every Parley document (no {@code @Field} renames; {@code _id} spelled out), and ids stay strings
 * (Parley's are UUIDs, never turned into ObjectIds). Errors are translated as {@link MongoOperations} does.
 */
public final class DirectBulk {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final UpdateOptions PLAIN = new UpdateOptions();

    private final MongoOperations mongo;
    private final Class<?> type;
    private final boolean ordered;
    private final List<WriteModel<Document>> writes = new ArrayList<>();

    private DirectBulk(MongoOperations mongo, Class<?> type, boolean ordered) {
        this.mongo = mongo;
        this.type = type;
        this.ordered = ordered;
    }

    /** Writes applied in any order, all attempted even when one fails. */
    public static DirectBulk unordered(MongoOperations mongo, Class<?> type) {
        return new DirectBulk(mongo, type, false);
    }

    /** Writes applied one after the other, as if made one by one; the first failure stops the rest. */
    public static DirectBulk ordered(MongoOperations mongo, Class<?> type) {
        return new DirectBulk(mongo, type, true);
    }

    public DirectBulk upsert(Query query, Update update) {
        writes.add(new UpdateOneModel<>(filter(query), update(update), UPSERT));
        return this;
    }

    /**
     * Inserts the document {@code _id: id} with the fields of {@code fields}' {@code $setOnInsert} (its only
     * operator), unless a document with that id exists: what an upsert with {@code $setOnInsert} does, without the
     * look-up and the update document an upsert costs the server. A duplicate key is accepted only where the id is
     * taken (a replayed event); one on another unique index, by a document with another id, fails the write. Only in
     * an unordered bulk: an ordered one would stop at the duplicate and skip the writes after it.
     */
    public DirectBulk insertOnce(String id, Update fields) {
        if (ordered) {
            throw new IllegalStateException("insertOnce needs an unordered bulk");
        }
        Document raw = fields.getUpdateObject();
        if (raw.size() != 1 || !(raw.get("$setOnInsert") instanceof Document set)) {
            throw new IllegalArgumentException("insertOnce takes the fields of a $setOnInsert, not " + raw.keySet());
        }
        Document document = new Document("_id", id);
        document.putAll(converted(set));
        writes.add(new InsertOneModel<>(document));
        return this;
    }

    public DirectBulk updateOne(Query query, Update update) {
        writes.add(new UpdateOneModel<>(filter(query), update(update), PLAIN));
        return this;
    }

    public DirectBulk updateMulti(Query query, Update update) {
        writes.add(new UpdateManyModel<>(filter(query), update(update), PLAIN));
        return this;
    }

    /** One round trip for everything added; nothing when nothing was. */
    public void execute() {
        if (writes.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> batch = List.copyOf(writes);
        writes.clear();
        mongo.execute(type, collection -> {
            try {
                return collection.bulkWrite(batch, new BulkWriteOptions().ordered(ordered));
            } catch (MongoBulkWriteException e) {
                if (!onlyInsertedBefore(collection, e, batch)) {
                    throw e;
                }
                return e.getWriteResult();
            }
        });
    }

    /** Whether every failed write is an insert (only insertOnce adds them) whose id a stored document already has. */
    private static boolean onlyInsertedBefore(MongoCollection<Document> collection, MongoBulkWriteException e,
                                              List<WriteModel<Document>> batch) {
        if (e.getWriteConcernError() != null) {
            return false;
        }
        Set<Object> ids = new HashSet<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            if (!(batch.get(error.getIndex()) instanceof InsertOneModel<Document> insert)
                    || ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            ids.add(insert.getDocument().get("_id"));
        }
        return collection.countDocuments(Filters.in("_id", ids)) == ids.size();
    }

    private Document filter(Query query) {
        return converted(query.getQueryObject());
    }

    private Document update(Update update) {
        return converted(update.getUpdateObject());
    }

    private Document converted(Document raw) {
        return (Document) converted((Object) raw);
    }

    /**
     * Documents and collections member by member (the converter passes a {@link Document} on as it is, being a type
     * the driver stores), every other value by the converter: a record or class as a document without a type key.
     */
    private Object converted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Document document = new Document();
            map.forEach((key, member) -> document.put(key.toString(), converted(member)));
            return document;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> list = new ArrayList<>(collection.size());
            collection.forEach(member -> list.add(converted(member)));
            return list;
        }
        return mongo.getConverter().convertToMongoType(value);
    }
}
