package dev.gitops.validator.check;

import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Location;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import dev.gitops.validator.source.Position;
import dev.gitops.validator.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of checks. Safe to use from several threads. */
public final class Findings {

    private final List<Finding> collected = new ArrayList<>();

    public synchronized void add(Finding finding) {
        collected.add(finding);
    }

    /** A finding about a field of a resource, at the field's position (or its nearest ancestor's). */
    public void at(Rule rule, Resource resource, FieldPath path, String message) {
        at(rule, resource, path, message, null);
    }

    public void at(Rule rule, Resource resource, FieldPath path, String message, String hint) {
        add(of(rule, resource, path, message, hint, List.of()));
    }

    /** A finding that also names other places (e.g. the other file of a duplicate). */
    public void at(Rule rule, Resource resource, FieldPath path, String message, String hint,
                   List<Location> related) {
        add(of(rule, resource, path, message, hint, related));
    }

    /** A finding about a place in a file that is not (or not yet) a resource. */
    public void inFile(Rule rule, SourceFile file, Position position, String message, String hint) {
        add(new Finding(rule.id(), rule.defaultSeverity(), message, file.displayName(), position.line(),
                position.column(), null, null, hint, List.of()));
    }

    public static Finding of(Rule rule, Resource resource, FieldPath path, String message, String hint,
                             List<Location> related) {
        FieldPath p = path == null ? FieldPath.ROOT : path;
        Position pos = resource.positionOf(p);
        return new Finding(rule.id(), rule.defaultSeverity(), message, resource.file().displayName(), pos.line(),
                pos.column(), resource.ref(), p.isRoot() ? null : p.toString(), hint, related);
    }

    /** A place in a resource, for {@link Finding#related()}. */
    public static Location location(Resource resource, FieldPath path, String description) {
        Position pos = resource.positionOf(path == null ? FieldPath.ROOT : path);
        return new Location(resource.file().displayName(), pos.line(), pos.column(), description);
    }

    public synchronized List<Finding> all() {
        return List.copyOf(collected);
    }
}
