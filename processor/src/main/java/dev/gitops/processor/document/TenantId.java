package dev.gitops.processor.document;

import java.util.Optional;
import java.util.regex.Pattern;

/** The tenant a request acts for: the Kong consumer, as set by the gateway. Safe to use in object keys. */
public record TenantId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

    public TenantId {
        if (!FORMAT.matcher(value).matches()) throw new IllegalArgumentException("not a tenant id: " + value);
    }

    public static Optional<TenantId> parse(String value) {
        return value != null && FORMAT.matcher(value).matches() ? Optional.of(new TenantId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
