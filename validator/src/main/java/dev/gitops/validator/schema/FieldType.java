package dev.gitops.validator.schema;

/** The type of a field of a kubernetes-java-client model, as far as validation cares. */
sealed interface FieldType {

    /** A nested model class (an object with a fixed set of fields). */
    record Model(Class<?> type) implements FieldType {
    }

    /** {@code List<T>}. */
    record ListOf(FieldType element) implements FieldType {
    }

    /** {@code Map<String, T>}. */
    record MapOf(FieldType value) implements FieldType {
    }

    /** A leaf value. */
    record Scalar(Leaf leaf) implements FieldType {
    }

    /** Leaf kinds of the generated models. */
    enum Leaf {
        STRING("string"), INT32("integer"), INT64("integer"), NUMBER("number"), BOOLEAN("boolean"),
        QUANTITY("quantity"), INT_OR_STRING("integer or string"), DATE_TIME("RFC 3339 date-time string"),
        BYTES("base64 string"), ANY("any value");

        final String description;

        Leaf(String description) {
            this.description = description;
        }
    }
}
