package dev.gitops.validator.hardening;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/** Ways to damage a manifest. Each takes the original bytes and a random source, and returns new bytes. */
enum Corruptions {

    TRUNCATE((b, r) -> java.util.Arrays.copyOf(b, r.nextInt(b.length + 1))),

    RANDOM_BYTES((b, r) -> {
        byte[] out = b.clone();
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n && out.length > 0; i++) {
            out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        }
        return out;
    }),

    INSERT_BYTES((b, r) -> {
        int at = r.nextInt(b.length + 1);
        byte[] noise = new byte[1 + r.nextInt(16)];
        r.nextBytes(noise);
        return concat(slice(b, 0, at), noise, slice(b, at, b.length));
    }),

    /** Structural YAML characters at random places: the parser's hardest cases. */
    INSERT_SYNTAX((b, r) -> {
        String[] tokens = {":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!binary ", "? ", "|", ">", "'", "\"",
            "#", "---\n", "...\n", "%YAML 1.1\n", "<<: ", "\n  ", "\t", ",", "@", "`", "!", "&", "*"};
        int at = r.nextInt(b.length + 1);
        return concat(slice(b, 0, at), tokens[r.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8),
                slice(b, at, b.length));
    }),

    /** A line holding a key is written twice: the mapping gets a duplicate key. */
    DUPLICATE_KEY_LINE((b, r) -> {
        List<String> lines = lines(b);
        List<Integer> keyed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*(- )?[A-Za-z\"][^:#]*:( .*)?")) {
                keyed.add(i);
            }
        }
        if (keyed.isEmpty()) {
            return b;
        }
        int i = keyed.get(r.nextInt(keyed.size()));
        String line = lines.get(i).replaceFirst("^(\\s*)- ", "$1  ");
        lines.add(i + 1, line);
        return join(lines);
    }),

    DELETE_LINE((b, r) -> {
        List<String> lines = lines(b);
        if (!lines.isEmpty()) {
            lines.remove(r.nextInt(lines.size()));
        }
        return join(lines);
    }),

    SWAP_LINES((b, r) -> {
        List<String> lines = lines(b);
        if (lines.size() > 1) {
            java.util.Collections.swap(lines, r.nextInt(lines.size()), r.nextInt(lines.size()));
        }
        return join(lines);
    }),

    REINDENT_LINE((b, r) -> {
        List<String> lines = lines(b);
        if (!lines.isEmpty()) {
            int i = r.nextInt(lines.size());
            String[] prefixes = {"", " ", "   ", "\t", "  \t", "        "};
            lines.set(i, prefixes[r.nextInt(prefixes.length)] + lines.get(i).stripLeading());
        }
        return join(lines);
    }),

    /** A value becomes a deeply nested flow or block structure. */
    DEEP_NESTING((b, r) -> {
        int depth = 1 + r.nextInt(r.nextBoolean() ? 80 : 1000);
        String nested = switch (r.nextInt(3)) {
            case 0 -> "[".repeat(depth) + "x" + "]".repeat(depth);
            case 1 -> "{a: ".repeat(depth) + "x" + "}".repeat(depth);
            default -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < Math.min(depth, 400); i++) {
                    s.append('\n').append("  ".repeat(i + 1)).append("k").append(i).append(':');
                }
                yield s.append(" x").toString();
            }
        };
        return appendValue(b, "nested: " + nested + "\n");
    }),

    /** A huge scalar, now and then beyond the file size limit. */
    HUGE_SCALAR((b, r) -> {
        int size = r.nextInt(100) == 0 ? 8 * 1024 * 1024 + r.nextInt(1024) : 1024 * (1 + r.nextInt(r.nextInt(10) == 0 ? 1024 : 32));
        String quote = r.nextBoolean() ? "\"" : "";
        return appendValue(b, "big: " + quote + "x".repeat(size) + quote + "\n");
    }),

    /** Nested aliases that expand exponentially (billion laughs), of random depth and width. */
    ALIAS_BOMB((b, r) -> {
        int depth = 1 + r.nextInt(9);
        int width = 2 + r.nextInt(9);
        StringBuilder s = new StringBuilder("bomb:\n  l0: &l0 [lol, lol]\n");
        for (int i = 1; i <= depth; i++) {
            s.append("  l").append(i).append(": &l").append(i).append(" [");
            for (int k = 0; k < width; k++) {
                s.append(k == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            s.append("]\n");
        }
        return appendValue(b, s.toString());
    }),

    /** Parts of the file in another encoding: UTF-16, Latin-1, overlong or surrogate UTF-8, BOMs. */
    MIXED_ENCODING((b, r) -> {
        String text = new String(b, StandardCharsets.UTF_8);
        int at = r.nextInt(b.length + 1);
        return switch (r.nextInt(6)) {
            case 0 -> text.getBytes(r.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16);
            case 1 -> concat(slice(b, 0, at), "grüße ä".getBytes(StandardCharsets.ISO_8859_1), slice(b, at, b.length));
            case 2 -> concat(slice(b, 0, at), new byte[] {(byte) 0xC0, (byte) 0x80}, slice(b, at, b.length));
            case 3 -> concat(slice(b, 0, at), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, slice(b, at, b.length));
            case 4 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b);
            default -> concat(slice(b, 0, at), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, slice(b, at, b.length));
        };
    }),

    /** Control and special characters YAML forbids or treats specially. */
    CONTROL_CHARACTERS((b, r) -> {
        String[] chars = {"\u0000", "\u0007", "\u001b", "\u0085", "\u2028", "\ufeff", "\ufffe", "\r", "\r\n", "\u007f"};
        int at = r.nextInt(b.length + 1);
        return concat(slice(b, 0, at), chars[r.nextInt(chars.length)].getBytes(StandardCharsets.UTF_8),
                slice(b, at, b.length));
    }),

    /** Two damages in a row. */
    COMBINED((b, r) -> {
        Corruptions[] all = values();
        Corruptions first = all[r.nextInt(all.length - 1)];
        Corruptions second = all[r.nextInt(all.length - 1)];
        return second.apply(first.apply(b, r), r);
    });

    private final BiFunction<byte[], Random, byte[]> damage;

    Corruptions(BiFunction<byte[], Random, byte[]> damage) {
        this.damage = damage;
    }

    byte[] apply(byte[] original, Random random) {
        return damage.apply(original, random);
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static List<String> lines(byte[] b) {
        return new ArrayList<>(List.of(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    /** Adds a top-level entry to the first document (after its first line, which is a top-level key). */
    private static byte[] appendValue(byte[] b, String entry) {
        String text = new String(b, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        if (nl < 0 || text.startsWith("{") || text.startsWith("-")) {
            return (text + "\n" + entry).getBytes(StandardCharsets.UTF_8);
        }
        return (text.substring(0, nl + 1) + entry + text.substring(nl + 1)).getBytes(StandardCharsets.UTF_8);
    }
}
