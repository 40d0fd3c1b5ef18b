package dev.gitops.validator.model;

/** A Kubernetes int-or-string value as written: exactly one of the two is set. */
public record IntOrString(Long intValue, String stringValue) {

    public static IntOrString of(long value) {
        return new IntOrString(value, null);
    }

    public static IntOrString of(String value) {
        return new IntOrString(null, value);
    }

    public boolean isInt() {
        return intValue != null;
    }

    @Override
    public String toString() {
        return isInt() ? String.valueOf(intValue) : stringValue;
    }
}
