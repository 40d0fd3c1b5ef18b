package dev.gitops.validator.load;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each short scalar text read by a loader, shared by the files it reads in
 * parallel. Keys and common values ({@code name}, {@code metadata}, {@code apps/v1}, {@code TCP})
 * repeat in every resource: a tree of ten thousand resources holds about 150,000 keys but a hundred
 * distinct ones. Sharing them keeps the loaded tree smaller (less for the collector to copy) and
 * lets key lookups match by identity. Longer texts (scripts, certificates) are rarely repeated and
 * are kept as read.
 */
final class TextPool {

    /** Texts longer than this are not pooled. */
    static final int LONGEST = 48;

    private final ConcurrentHashMap<String, String> texts = new ConcurrentHashMap<>();

    /** The pooled instance equal to {@code text}, or {@code text} itself when it is long. */
    String of(String text) {
        if (text.length() > LONGEST) {
            return text;
        }
        String pooled = texts.get(text); // almost always there: a read takes no lock, unlike putIfAbsent
        if (pooled != null) {
            return pooled;
        }
        pooled = texts.putIfAbsent(text, text);
        return pooled == null ? text : pooled;
    }
}
