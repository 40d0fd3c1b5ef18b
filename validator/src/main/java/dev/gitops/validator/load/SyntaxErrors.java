package dev.gitops.validator.load;

import dev.gitops.validator.source.Position;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/** Turns a parse error into a finding: YAML003 when a tab in the indentation caused it, else YAML001. */
final class SyntaxErrors {

    private SyntaxErrors() {
    }

    /** Reports {@code e}, met in {@code text}, at its mark or else at {@code fallback}. */
    static void report(FileFindings out, String text, MarkedYamlEngineException e, Position fallback) {
        Position pos = e.getProblemMark().map(DocumentSplitter::position).orElse(fallback);
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        String context = e.getContext();
        String message = context == null || context.isBlank() ? problem : problem + " (" + context.strip() + ")";
        if (tabInIndentation(text, pos.line()) || problem.contains("\\t")) {
            out.add(YamlRules.TAB_INDENT, pos, "tab character in indentation: " + message, "indent with spaces only");
        } else {
            out.add(YamlRules.SYNTAX, pos, "YAML syntax error: " + message, null);
        }
    }

    /** True when line {@code line} (from 1) of {@code text} has a tab before its first other character. */
    static boolean tabInIndentation(String text, int line) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', start);
            if (nl < 0) {
                return false;
            }
            start = nl + 1;
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                return true;
            }
            if (c != ' ' && c != '-') {
                return false;
            }
        }
        return false;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
