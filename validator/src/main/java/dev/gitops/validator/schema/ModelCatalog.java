package dev.gitops.validator.schema;

import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the metadata of kubernetes-java-client model classes: the JSON names of their fields
 * ({@code @SerializedName}), the Java types of those fields, and {@code openapiRequiredFields}.
 * Classes are inspected lazily, the first time a document reaches them, so a run pays only for the
 * kinds and fields its manifests use.
 */
final class ModelCatalog {

    private final Map<Class<?>, ModelInfo> models = new ConcurrentHashMap<>();

    ModelInfo model(Class<?> type) {
        ModelInfo known = models.get(type);
        if (known != null) {
            return known;
        }
        ModelInfo built = inspect(type);
        models.putIfAbsent(type, built);
        return built;
    }

    static boolean isModel(Class<?> type) {
        try {
            Field f = type.getField("openapiFields");
            return Modifier.isStatic(f.getModifiers());
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static ModelInfo inspect(Class<?> type) {
        Map<String, FieldType> fields = new LinkedHashMap<>();
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            SerializedName name = f.getAnnotation(SerializedName.class);
            if (name != null) {
                fields.put(name.value(), typeOf(f.getGenericType()));
            }
        }
        return new ModelInfo(type, Map.copyOf(fields), Set.copyOf(requiredFields(type)));
    }

    private static Collection<String> requiredFields(Class<?> type) {
        try {
            Object value = type.getField("openapiRequiredFields").get(null);
            if (value instanceof Collection<?> c) {
                return c.stream().map(String::valueOf).toList();
            }
            return Set.of();
        } catch (NoSuchFieldException | IllegalAccessException e) {
            return Set.of();
        }
    }

    static FieldType typeOf(Type t) {
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (java.util.List.class.isAssignableFrom(raw) && args.length == 1) {
                return new FieldType.ListOf(typeOf(args[0]));
            }
            if (Map.class.isAssignableFrom(raw) && args.length == 2) {
                return new FieldType.MapOf(typeOf(args[1]));
            }
            return new FieldType.Scalar(FieldType.Leaf.ANY);
        }
        if (!(t instanceof Class<?> c)) {
            return new FieldType.Scalar(FieldType.Leaf.ANY);
        }
        if (c == String.class) {
            return new FieldType.Scalar(FieldType.Leaf.STRING);
        }
        if (c == Integer.class || c == int.class) {
            return new FieldType.Scalar(FieldType.Leaf.INT32);
        }
        if (c == Long.class || c == long.class) {
            return new FieldType.Scalar(FieldType.Leaf.INT64);
        }
        if (c == Double.class || c == Float.class || c == BigDecimal.class) {
            return new FieldType.Scalar(FieldType.Leaf.NUMBER);
        }
        if (c == Boolean.class || c == boolean.class) {
            return new FieldType.Scalar(FieldType.Leaf.BOOLEAN);
        }
        if (c == Quantity.class) {
            return new FieldType.Scalar(FieldType.Leaf.QUANTITY);
        }
        if (c == IntOrString.class) {
            return new FieldType.Scalar(FieldType.Leaf.INT_OR_STRING);
        }
        if (c == OffsetDateTime.class) {
            return new FieldType.Scalar(FieldType.Leaf.DATE_TIME);
        }
        if (c == byte[].class) {
            return new FieldType.Scalar(FieldType.Leaf.BYTES);
        }
        if (isModel(c)) {
            return new FieldType.Model(c);
        }
        return new FieldType.Scalar(FieldType.Leaf.ANY);
    }
}
