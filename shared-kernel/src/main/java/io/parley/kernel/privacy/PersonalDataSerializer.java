package io.parley.kernel.privacy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.crypto.SecretKey;

import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event serializer with crypto-shredding: it encrypts an event's {@link PersonalData} fields with its
 * {@link DataSubject}'s key when writing, and decrypts them when reading; a field whose key was erased, or that
 * does not decrypt, reads as its {@code erasedAs} value, so handlers, aggregates and replays never fail on it.
 * Values written before this existed (plain text) read as they are. Types without personal data pass through to
 * the Jackson serializer untouched; the JSON shape (and so every revision and upcaster) stays the same.
 */
public final class PersonalDataSerializer implements Serializer {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataSerializer.class);

    private final Jackson3Serializer delegate;
    private final ObjectMapper mapper;
    private final Supplier<PersonalDataKeys> keys;
    private final FieldCipher cipher = new FieldCipher();
    /** By stored type name: resolving a class by name costs a class loader look-up on every read otherwise. */
    private final Map<String, PersonalFields> byTypeName = new ConcurrentHashMap<>();

    /** {@code keys} is asked for lazily: the serializer is built before the database it reads keys from. */
    public PersonalDataSerializer(Jackson3Serializer delegate, Supplier<PersonalDataKeys> keys) {
        this.delegate = delegate;
        this.mapper = delegate.getObjectMapper();
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalFields fields = object == null ? PersonalFields.NONE : PersonalFields.of(object.getClass());
        if (fields.fields().isEmpty() && fields.nested().isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = mapper.valueToTree(object);
        String subject = subjectOf(tree, fields);
        Optional<SecretKey> key = subject == null ? Optional.empty() : keys.get().forWriting(subject);
        seal(tree, fields, subject, key);
        SerializedObject<byte[]> bytes = new SimpleSerializedObject<>(mapper.writeValueAsBytes(tree), byte[].class,
                delegate.typeForClass(object.getClass()));
        return delegate.getConverter().convert(bytes, expectedRepresentation);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        PersonalFields fields = byTypeName.computeIfAbsent(type.getName(),
                name -> PersonalFields.of(delegate.classForType(type)));
        if (!fields.any()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = delegate.getConverter().convert(serializedObject, JsonNode.class).getData();
        if (!(tree instanceof ObjectNode object)) {
            return delegate.deserialize(serializedObject);
        }
        ObjectNode copy = serializedObject.getContentType() == JsonNode.class
                || serializedObject.getContentType() == ObjectNode.class ? object.deepCopy() : object;
        String subject = subjectOf(copy, fields);
        if (fields.erasesSubject() && subject != null) {
            keys.get().forget(subject);
        }
        open(copy, fields, subject, new KeyOnce(subject));
        return delegate.deserialize(new SimpleSerializedObject<>(copy, JsonNode.class, serializedObject.getType()));
    }

    private void seal(ObjectNode node, PersonalFields fields, String subject, Optional<SecretKey> key) {
        for (PersonalFields.Field field : fields.fields()) {
            JsonNode value = node.get(field.name());
            if (value != null && value.isString()) {
                node.put(field.name(), key.map(k -> cipher.encrypt(value.asString(), k, subject))
                        .orElse(FieldCipher.ERASED_AT_WRITE));
            }
        }
        for (PersonalFields.Nested nested : fields.nested()) {
            for (JsonNode element : node.path(nested.name())) {
                if (element instanceof ObjectNode inner) {
                    seal(inner, nested.element(), subject, key);
                }
            }
        }
    }

    private void open(ObjectNode node, PersonalFields fields, String subject, KeyOnce key) {
        for (PersonalFields.Field field : fields.fields()) {
            JsonNode value = node.get(field.name());
            if (value != null && value.isString() && FieldCipher.isProtected(value.asString())) {
                String plain = key.get().map(k -> cipher.decrypt(value.asString(), k, subject)).orElse(null);
                if (plain == null && key.get().isPresent() && !FieldCipher.ERASED_AT_WRITE.equals(value.asString())) {
                    log.warn("A personal field {} of subject {} does not decrypt; read as erased", field.name(),
                            subject);
                }
                node.put(field.name(), plain != null ? plain : field.erasedAs());
            }
        }
        for (PersonalFields.Nested nested : fields.nested()) {
            for (JsonNode element : node.path(nested.name())) {
                if (element instanceof ObjectNode inner) {
                    open(inner, nested.element(), subject, key);
                }
            }
        }
    }

    private static String subjectOf(ObjectNode tree, PersonalFields fields) {
        JsonNode subject = fields.subject() == null ? null : tree.get(fields.subject());
        return subject != null && subject.isString() ? subject.asString() : null;
    }

    /** The subject's key, looked up at most once per event and only when a field is encrypted. */
    private final class KeyOnce {
        private final String subject;
        private Optional<SecretKey> key;

        KeyOnce(String subject) {
            this.subject = subject;
        }

        Optional<SecretKey> get() {
            if (key == null) {
                key = subject == null ? Optional.empty() : keys.get().forReading(subject);
            }
            return key;
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
