package io.parley.kernel.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes a projection holds back within a processor's batch, by key (a conversation), in order, so that they can be
 * written together: handed to {@code writer} all at once (every key of the batch, each key's items in order) when the
 * batch's unit of work prepares its commit (before its token is stored), or earlier by {@link #flush}, which the
 * projection calls before it handles any other event; outside a unit of work each item is written at once. A
 * projection's segment is handled by one thread at a time, so this needs no locking beyond the unit of work's own; a
 * rolled-back batch drops what it held.
 */
public final class BatchedWrites<T> {

    private final Consumer<Map<String, List<T>>> writer;
    // Per instance: a rebuild shadow of the same projection holds writes of its own.
    private final String resourceKey = BatchedWrites.class.getName() + "@" + System.identityHashCode(this);

    /** {@code writer} gets what the batch holds, by key in the order keys were first added; never an empty map. */
    public BatchedWrites(Consumer<Map<String, List<T>>> writer) {
        this.writer = writer;
    }

    public void add(String key, T item) {
        if (!CurrentUnitOfWork.isStarted()) {
            writer.accept(Map.of(key, List.of(item)));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Map<String, List<T>> pending = batch.getOrComputeResource(resourceKey, name -> {
            Map<String, List<T>> created = new LinkedHashMap<>();
            batch.onPrepareCommit(committing -> write(created));
            return created;
        });
        pending.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
    }

    /** Writes what is held now, before the projection applies an event that reads or guards on it. */
    public void flush() {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, List<T>> pending = CurrentUnitOfWork.get().root().getResource(resourceKey);
            if (pending != null) {
                write(pending);
            }
        }
    }

    /**
     * A writer that inserts one document per item, {@code _id} from {@code id} and the fields of {@code fields}' {@code
     * $setOnInsert}, unless that id is stored already (a replayed event: {@link DirectBulk#insertOnce}), in one
     * unordered bulk write for the whole batch (one round trip however many conversations it touched): for inserts,
     * where order does not matter.
     */
    public static <T> Consumer<Map<String, List<T>>> bulkInsertsOnce(MongoOperations mongo, Class<?> type,
                                                                   Function<T, String> id, Function<T, Update> fields) {
        return pending -> {
            DirectBulk bulk = DirectBulk.unordered(mongo, type);
            pending.values().forEach(items -> items.forEach(item -> bulk.insertOnce(id.apply(item), fields.apply(item))));
            bulk.execute();
        };
    }

    private void write(Map<String, List<T>> pending) {
        if (!pending.isEmpty()) {
            writer.accept(pending);
            pending.clear();
        }
    }
}
