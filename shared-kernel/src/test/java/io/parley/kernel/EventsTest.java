package io.parley.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.parley.kernel.account.AccountEvent;
import io.parley.kernel.contact.ContactEvent;
import io.parley.kernel.conversation.ConversationEvent;
import io.parley.kernel.message.MessageEvent;
import io.parley.kernel.privacy.InMemoryPersonalDataKeys;
import io.parley.kernel.privacy.PersonalData;
import io.parley.kernel.privacy.PersonalDataSerializer;

import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events are the system of record: each is versioned and survives the serializer every service uses. Every
 * feature's sealed event interface is listed here, so a new event is checked as soon as it is permitted.
 */
class EventsTest {

    private static final Jackson3Serializer SERIALIZER = Jackson3Serializer.builder().build();
    private static final InMemoryPersonalDataKeys KEYS = new InMemoryPersonalDataKeys();
    private static final Serializer EVENT_SERIALIZER = new PersonalDataSerializer(SERIALIZER, () -> KEYS);

    private static final List<Class<?>> FEATURE_EVENTS =
            List.of(AccountEvent.class, ConversationEvent.class, MessageEvent.class, ContactEvent.class);

    static Stream<Class<?>> events() {
        return FEATURE_EVENTS.stream().flatMap(feature -> Arrays.stream(feature.getPermittedSubclasses()));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEvent_isARecordNamedAsAnEvent(Class<?> event) {
        assertThat(event.isRecord()).as(event.getSimpleName()).isTrue();
        assertThat(event.getSimpleName()).endsWith("Event");
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEvent_carriesARevision(Class<?> event) {
        assertThat(event.getAnnotation(Revision.class)).as(event.getSimpleName()).isNotNull();
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEvent_roundTripsThroughTheJsonSerializer(Class<?> event) throws Exception {
        Object original = sample(event);

        SerializedObject<byte[]> serialized = SERIALIZER.serialize(original, byte[].class);
        Object restored = SERIALIZER.deserialize(serialized);

        assertThat(serialized.getType().getRevision()).isEqualTo(event.getAnnotation(Revision.class).value());
        assertThat(restored).isEqualTo(original);
    }

    /** The serializer every service stores events with; a personal field's sample value never shows in the bytes. */
    @ParameterizedTest
    @MethodSource("events")
    void everyEvent_roundTripsThroughTheEventSerializer_withItsPersonalDataEncrypted(Class<?> event) throws Exception {
        Object original = sample(event);

        SerializedObject<byte[]> serialized = EVENT_SERIALIZER.serialize(original, byte[].class);
        String json = new String(serialized.getData(), StandardCharsets.UTF_8);

        assertThat((Object) EVENT_SERIALIZER.deserialize(serialized)).isEqualTo(original);
        RecordComponent[] components = event.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].isAnnotationPresent(PersonalData.class)) {
                assertThat(json).as(components[i].getName()).doesNotContain("\"value-" + i + "\"");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEvent_isListedInEventsMd_withItsRevision(Class<?> event) throws Exception {
        String revision = event.getAnnotation(Revision.class).value();

        assertThat(eventsMd()).as("docs/events.md")
                .containsPattern("\\| `" + event.getSimpleName() + "` \\| " + revision + "\\b");
    }

    private static String eventsMd() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("events.md");
            if (Files.isRegularFile(candidate)) {
                return Files.readString(candidate);
            }
        }
        throw new IllegalStateException("No docs/events.md above " + Path.of("").toAbsolutePath());
    }

    private static Object sample(Class<?> record) throws Exception {
        RecordComponent[] components = record.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i].getType(), components[i].getGenericType(), i);
        }
        return record.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleValue(Class<?> type, Type generic, int index) {
        if (type == String.class) {
            return "value-" + index;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-22T10:15:30.123456Z").plus(index, ChronoUnit.SECONDS);
        }
        if (type == boolean.class) {
            return true;
        }
        if (type == long.class) {
            return 40L + index;
        }
        if (type == int.class || type == Integer.class) {
            return 4 + index;
        }
        if (type.isRecord()) {
            try {
                return sample(type);
            } catch (Exception e) {
                throw new IllegalArgumentException("no sample for " + type, e);
            }
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (type == List.class || type == Set.class) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            Object value = sampleValue((Class<?>) element, element, index);
            return type == List.class ? List.of(value) : Set.of(value);
        }
        throw new IllegalArgumentException("no sample for " + type);
    }
}
