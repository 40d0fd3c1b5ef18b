package dev.gitops.validator.apiserver;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelEvaluationExceptionBuilder;
import dev.cel.runtime.CelFunctionBinding;
import java.util.List;

/**
 * The list functions of the Kubernetes CEL library (k8s.io/apiserver/pkg/cel/library lists.go) that CRD rules
 * use and cel-java lacks: {@code isSorted()}, {@code sum()}, {@code min()} and {@code max()}, on lists of
 * integers, doubles or strings.
 */
final class KubernetesLists {

    private static final ListType LIST = ListType.create(SimpleType.DYN);

    private KubernetesLists() {
    }

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("isSorted",
                        CelOverloadDecl.newMemberOverload("k8s_list_is_sorted", SimpleType.BOOL, LIST)),
                CelFunctionDecl.newFunctionDeclaration("sum",
                        CelOverloadDecl.newMemberOverload("k8s_list_sum", SimpleType.DYN, LIST)),
                CelFunctionDecl.newFunctionDeclaration("min",
                        CelOverloadDecl.newMemberOverload("k8s_list_min", SimpleType.DYN, LIST)),
                CelFunctionDecl.newFunctionDeclaration("max",
                        CelOverloadDecl.newMemberOverload("k8s_list_max", SimpleType.DYN, LIST)));
    }

    static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("k8s_list_is_sorted", List.class, KubernetesLists::isSorted),
                CelFunctionBinding.from("k8s_list_sum", List.class, KubernetesLists::sum),
                CelFunctionBinding.from("k8s_list_min", List.class, l -> extreme(l, -1, "min")),
                CelFunctionBinding.from("k8s_list_max", List.class, l -> extreme(l, 1, "max")));
    }

    private static boolean isSorted(List<?> list) throws CelEvaluationException {
        for (int i = 1; i < list.size(); i++) {
            if (compare(list.get(i - 1), list.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static Object sum(List<?> list) throws CelEvaluationException {
        long ints = 0;
        double doubles = 0;
        boolean anyDouble = false;
        for (Object o : list) {
            if (o instanceof Long l) {
                try {
                    ints = Math.addExact(ints, l);
                } catch (ArithmeticException e) {
                    throw error("integer overflow in sum()");
                }
            } else if (o instanceof Double d) {
                doubles += d;
                anyDouble = true;
            } else {
                throw error("sum() of a list of " + (o == null ? "null" : o.getClass().getSimpleName()));
            }
        }
        return anyDouble ? doubles + ints : (Object) ints;
    }

    private static Object extreme(List<?> list, int sign, String name) throws CelEvaluationException {
        if (list.isEmpty()) {
            throw error(name + " called on empty list");
        }
        Object best = list.getFirst();
        for (Object o : list) {
            if (compare(o, best) * sign > 0) {
                best = o;
            }
        }
        return best;
    }

    private static int compare(Object a, Object b) throws CelEvaluationException {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        throw error("cannot compare " + a + " and " + b);
    }

    private static CelEvaluationException error(String message) {
        return CelEvaluationExceptionBuilder.newBuilder("%s", message).build();
    }
}
