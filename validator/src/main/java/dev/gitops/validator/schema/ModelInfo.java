package dev.gitops.validator.schema;

import java.util.Map;
import java.util.Set;

/**
 * What a generated model class says about its JSON form.
 *
 * @param type the model class, e.g. {@code V1Container}
 * @param fields JSON field name (from {@code @SerializedName}) to its type
 * @param required the names in the model's {@code openapiRequiredFields}
 */
record ModelInfo(Class<?> type, Map<String, FieldType> fields, Set<String> required) {

    String name() {
        return type.getSimpleName();
    }
}
