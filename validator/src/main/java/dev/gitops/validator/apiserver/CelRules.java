package dev.gitops.validator.apiserver;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL environment of CRD validation rules ({@code x-kubernetes-validations}): {@code self} (and nothing
 * else: transition rules reading {@code oldSelf} never apply to a new object), the standard library, the
 * string, list, set, math and encoder extensions, and the Kubernetes list functions ({@link KubernetesLists}). Expressions are compiled once, on first use; an instance exists only in
 * runs whose CRDs declare rules, so other runs never load the CEL classes.
 */
final class CelRules {

    /** The outcome of compiling one rule. */
    sealed interface Compiled {
    }

    /** A rule ready to run. */
    record Ready(CelRuntime.Program program) implements Compiled {
    }

    /** A rule the API server would refuse too: it does not parse. */
    record Invalid(String problem) implements Compiled {
    }

    /** A rule that parses but uses what this environment lacks (a Kubernetes-only library function). */
    record Unsupported(String problem) implements Compiled {
    }

    /** The outcome of evaluating a rule. */
    sealed interface Outcome {
    }

    record Passed() implements Outcome {
    }

    /** The rule evaluated to false; {@code message} is its messageExpression's value when it has one. */
    record Failed(String message) implements Outcome {
    }

    /** Evaluation raised an error (e.g. {@code no such key}): the API server rejects the object too. */
    record Error(String problem) implements Outcome {
    }

    private final Cel cel;
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    CelRules() {
        CelOptions options = CelOptions.current().build();
        cel = CelFactory.standardCelBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("self", SimpleType.DYN)
                .addCompilerLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(options),
                        CelExtensions.math(options), CelExtensions.encoders(options))
                .addRuntimeLibraries(CelExtensions.strings(), CelExtensions.lists(), CelExtensions.sets(options),
                        CelExtensions.math(options), CelExtensions.encoders(options))
                .addFunctionDeclarations(KubernetesLists.declarations())
                .addFunctionBindings(KubernetesLists.bindings())
                .build();
    }

    Compiled compile(String expression) {
        return compiled.computeIfAbsent(expression, this::build);
    }

    private Compiled build(String expression) {
        CelValidationResult parsed = cel.parse(expression);
        if (parsed.hasError()) {
            return new Invalid(parsed.getErrorString());
        }
        CelValidationResult checked = cel.check(astOf(parsed));
        if (checked.hasError()) {
            return new Unsupported(checked.getErrorString());
        }
        try {
            return new Ready(cel.createProgram(astOf(checked)));
        } catch (CelEvaluationException e) {
            return new Unsupported(e.getMessage());
        }
    }

    private static CelAbstractSyntaxTree astOf(CelValidationResult result) {
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Evaluates a rule ({@code Ready}) with {@code self}; a non-boolean result is an error, as for the API server. */
    Outcome evaluate(Ready rule, Object self, String messageExpression) {
        Object result;
        try {
            result = rule.program().eval(Map.of("self", self));
        } catch (CelEvaluationException | RuntimeException e) {
            return new Error(e.getMessage());
        }
        if (!(result instanceof Boolean b)) {
            return new Error("rule did not evaluate to a boolean");
        }
        if (b) {
            return new Passed();
        }
        String message = null;
        if (messageExpression != null && compile(messageExpression) instanceof Ready m) {
            try {
                if (m.program().eval(Map.of("self", self)) instanceof String s && !s.isBlank()) {
                    message = s;
                }
            } catch (CelEvaluationException | RuntimeException e) {
                message = null; // the API server falls back to message, then to the rule
            }
        }
        return new Failed(message);
    }
}
