package io.parley.kernel.privacy;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where a record type keeps personal data: its {@link PersonalData} string components, the records it carries in
 * collections that have some, and the {@link DataSubject} component. Read once per class (a {@link ClassValue}), so
 * an event type without personal data costs one look-up per serialization.
 */
record PersonalFields(String subject, List<Field> fields, List<Nested> nested, boolean erasesSubject) {

    static final PersonalFields NONE = new PersonalFields(null, List.of(), List.of(), false);

    private static final ClassValue<PersonalFields> CACHE = new ClassValue<>() {
        @Override
        protected PersonalFields computeValue(Class<?> type) {
            return read(type, true);
        }
    };

    /** A personal string component and what it reads as once erased. */
    record Field(String name, String erasedAs) {
    }

    /** A collection component whose elements are records with personal fields of their own. */
    record Nested(String name, PersonalFields element) {
    }

    static PersonalFields of(Class<?> type) {
        return CACHE.get(type);
    }

    boolean any() {
        return !fields.isEmpty() || !nested.isEmpty() || erasesSubject;
    }

    private static PersonalFields read(Class<?> type, boolean event) {
        if (!type.isRecord()) {
            return NONE;
        }
        String subject = null;
        List<Field> fields = new ArrayList<>();
        List<Nested> nested = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(DataSubject.class)) {
                require(component.getType() == String.class && subject == null, type, "one String @DataSubject");
                subject = component.getName();
            }
            PersonalData personal = component.getAnnotation(PersonalData.class);
            if (personal != null) {
                require(component.getType() == String.class, type, "@PersonalData on String components only");
                fields.add(new Field(component.getName(), personal.erasedAs()));
            }
            Class<?> element = elementRecord(component);
            if (element != null) {
                PersonalFields inner = read(element, false);
                if (!inner.fields.isEmpty() || !inner.nested.isEmpty()) {
                    nested.add(new Nested(component.getName(), inner));
                }
            }
        }
        boolean erases = type.isAnnotationPresent(ErasesDataSubject.class);
        if (event && (!fields.isEmpty() || !nested.isEmpty() || erases)) {
            require(subject != null, type, "a @DataSubject next to its @PersonalData");
        }
        return new PersonalFields(subject, List.copyOf(fields), List.copyOf(nested), erases);
    }

    private static Class<?> elementRecord(RecordComponent component) {
        if (!Collection.class.isAssignableFrom(component.getType())
                || !(component.getGenericType() instanceof ParameterizedType parameterized)) {
            return null;
        }
        Type argument = parameterized.getActualTypeArguments()[0];
        return argument instanceof Class<?> element && element.isRecord() ? element : null;
    }

    private static void require(boolean condition, Class<?> type, String rule) {
        if (!condition) {
            throw new IllegalStateException(type.getName() + " breaks a personal data rule: " + rule);
        }
    }
}
