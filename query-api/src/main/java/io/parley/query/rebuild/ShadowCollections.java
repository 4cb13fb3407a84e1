package io.parley.query.rebuild;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.ClientSessionOptions;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.dao.support.PersistenceExceptionTranslator;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The collections of one rebuild. A projection owns the collections of the {@code @Document} classes in its
 * package; every use of one of them through {@link #template()}, by document class or by name, goes to
 * {@code rebuild__<processor>__<name>} instead, so projection classes need no change. Any other collection is
 * refused: a shadow projection must neither write a live model nor read one it would then not rebuild.
 * {@link #prepare()} creates every shadow collection with the indexes the live one has (copied from
 * {@code listIndexes}), so the shadow is as fast as the live model while it builds, and the indexes move with it.
 */
final class ShadowCollections implements MongoDatabaseFactory {

    private static final String SEPARATOR = "__";

    private final MongoDatabaseFactory live;
    private final String prefix;
    private final Set<String> owned;
    private final MongoTemplate template;

    ShadowCollections(MongoTemplate liveTemplate, String scope, Set<String> owned) {
        this.live = liveTemplate.getMongoDatabaseFactory();
        this.prefix = prefix(scope);
        this.owned = Set.copyOf(owned);
        this.template = new MongoTemplate(this, liveTemplate.getConverter());
    }

    /**
     * The name prefix of every shadow collection of a rebuild's scope (a projection, or every projection of a
     * processor), also of one a crashed rebuild of that scope left behind.
     */
    static String prefix(String scope) {
        return "rebuild" + SEPARATOR + scope + SEPARATOR;
    }

    MongoTemplate template() {
        return template;
    }

    Set<String> owned() {
        return owned;
    }

    String shadowName(String liveName) {
        return prefix + liveName;
    }

    /**
     * Creates each shadow collection with the live indexes; {@link #dropAll()} first, so nothing an earlier rebuild
     * left is in them (a rebuild of every projection drops once, then creates each projection's).
     */
    void create() {
        MongoDatabase database = live.getMongoDatabase();
        List<String> existing = database.listCollectionNames().into(new ArrayList<>());
        for (String liveName : new TreeSet<>(owned)) {
            String shadow = shadowName(liveName);
            database.createCollection(shadow);
            List<Document> indexes = new ArrayList<>();
            if (existing.contains(liveName)) {
                for (Document index : database.getCollection(liveName).listIndexes()) {
                    if (!"_id_".equals(index.getString("name"))) {
                        Document copy = new Document(index);
                        copy.remove("v");
                        copy.remove("ns");
                        indexes.add(copy);
                    }
                }
            }
            if (!indexes.isEmpty()) {
                database.runCommand(new Document("createIndexes", shadow).append("indexes", indexes));
            }
        }
    }

    /** Renames the shadow of {@code liveName} over it (MongoDB: atomic for readers, indexes included). */
    void moveIntoPlace(String liveName) {
        String namespace = live.getMongoDatabase().getName() + ".";
        live.getMongoDatabase("admin").runCommand(new Document("renameCollection", namespace + shadowName(liveName))
                .append("to", namespace + liveName)
                .append("dropTarget", true));
    }

    /** Drops every shadow collection of this scope, this rebuild's and any a crashed one left. */
    void dropAll() {
        MongoDatabase database = live.getMongoDatabase();
        for (String name : database.listCollectionNames()) {
            if (name.startsWith(prefix)) {
                database.getCollection(name).drop();
            }
        }
    }

    private String redirect(String liveName) {
        if (owned.contains(liveName)) {
            return shadowName(liveName);
        }
        throw new IllegalStateException("A rebuilt projection used collection " + liveName
                + ", which is not among its own " + owned);
    }

    /** A database whose collections by name are the shadows; everything else is the live database's. */
    private MongoDatabase shadowed(MongoDatabase database) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String name && redirects(method)) {
                Object[] redirected = args.clone();
                redirected[0] = redirect(name);
                return invoke(database, method, redirected);
            }
            Object result = invoke(database, method, args);
            return result instanceof MongoDatabase other && other != database ? shadowed(other) : result;
        };
        return (MongoDatabase) Proxy.newProxyInstance(MongoDatabase.class.getClassLoader(),
                new Class<?>[] {MongoDatabase.class}, handler);
    }
    private static boolean redirects(Method method) {
        return method.getName().equals("getCollection") || method.getName().equals("createCollection");
    }

    private static Object invoke(MongoDatabase database, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(database, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public MongoDatabase getMongoDatabase() {
        return shadowed(live.getMongoDatabase());
    }

    @Override
    public MongoDatabase getMongoDatabase(String dbName) {
        return shadowed(live.getMongoDatabase(dbName));
    }

    @Override
    public PersistenceExceptionTranslator getExceptionTranslator() {
        return live.getExceptionTranslator();
    }

    @Override
    public ClientSession getSession(ClientSessionOptions options) {
        return live.getSession(options);
    }

    @Override
    public MongoDatabaseFactory withSession(ClientSession session) {
        throw new UnsupportedOperationException("Projections do not use sessions");
    }
}
