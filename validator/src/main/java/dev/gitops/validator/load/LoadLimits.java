package dev.gitops.validator.load;

/**
 * Bounds on what one file may hold, so that a hostile or broken file cannot exhaust memory or time.
 *
 * @param maxFileBytes largest file read
 * @param maxDepth deepest nesting of mappings and lists in a document
 * @param maxNodes most nodes one file may expand to, aliases counted at their expanded size
 * @param maxAliases most aliases to collections in a file
 */
public record LoadLimits(long maxFileBytes, int maxDepth, long maxNodes, int maxAliases) {

    public static final LoadLimits DEFAULT = new LoadLimits(8L * 1024 * 1024, 64, 1_000_000, 100);

    public LoadLimits {
        if (maxFileBytes <= 0 || maxDepth <= 0 || maxNodes <= 0 || maxAliases < 0) {
            throw new IllegalArgumentException("load limits must be positive");
        }
    }
}
