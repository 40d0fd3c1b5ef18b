package dev.gitops.validator.cli;

import dev.gitops.validator.check.KubernetesVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Accepts only the Kubernetes versions the schema check supports: anything else is a usage error (exit 2). */
final class KubernetesVersionOption implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        try {
            return KubernetesVersion.parse(value).toString();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
