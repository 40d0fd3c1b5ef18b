package dev.gitops.validator.load;

import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.resource.ResourceRef;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** The findings met while reading one file, in the order they were met. */
final class FileFindings {

    private final SourceFile file;
    private final List<Finding> findings = new ArrayList<>();

    FileFindings(SourceFile file) {
        this.file = file;
    }

    SourceFile file() {
        return file;
    }

    /** A finding about the file at a position, with no field path and no resource yet. */
    static Finding at(Rule rule, SourceFile file, Position pos, String message, String hint) {
        return new Finding(rule.id(), rule.defaultSeverity(), message, file.displayName(), pos.line(), pos.column(),
                null, null, hint, List.of());
    }

    void add(Rule rule, Position pos, String message, String hint) {
        findings.add(at(rule, file, pos, message, hint));
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    /** How many findings there are so far: a mark to attribute the later ones from. */
    int size() {
        return findings.size();
    }

    List<Finding> list() {
        return findings;
    }

    /** Gives the findings from {@code from} on that name no resource the given one, if it is known. */
    void attribute(int from, ResourceRef ref) {
        if (ref == null || (ref.kind() == null && ref.name() == null)) {
            return;
        }
        for (int i = from; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.resource() == null) {
                findings.set(i, f.withResource(ref));
            }
        }
    }

    /**
     * Gives each finding in {@code [from, to)} that names no resource to the last of the items that
     * starts at or before it (the items of a List kind, in document order).
     */
    void attributeByStart(int from, int to, List<Resource> items) {
        for (int i = from; i < to; i++) {
            Finding f = findings.get(i);
            Resource owner = null;
            for (Resource r : items) {
                Position start = r.start();
                if (start.line() < f.line() || (start.line() == f.line() && start.column() <= f.column())) {
                    owner = r;
                }
            }
            if (owner != null && f.resource() == null) {
                findings.set(i, f.withResource(owner.ref()));
            }
        }
    }
}
