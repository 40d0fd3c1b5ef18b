package dev.gitops.validator.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of the policy library that OPA loads ({@code opa run --ignore samples --ignore .*}), read
 * once: the library's rule tables come from their README.md files, and a warm OPA tells from their
 * fingerprint whether it still holds the current policies, without reading them a second time.
 *
 * @param dir the library folder
 * @param contents each file's content by its path relative to {@code dir} ({@code /}-separated), sorted
 */
public record PolicyFiles(Path dir, Map<String, byte[]> contents) {

    public PolicyFiles {
        contents = Collections.unmodifiableMap(new TreeMap<>(contents));
    }

    /** Reads every file OPA loads from {@code dir}. */
    public static PolicyFiles read(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            Map<String, byte[]> contents = new TreeMap<>();
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Path relative = dir.relativize(f);
                if (loaded(relative)) {
                    contents.put(slashed(relative), Files.readAllBytes(f));
                }
            }
            return new PolicyFiles(dir, contents);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy library " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The README.md of one policy folder, {@code <area>/<policy>/README.md}. */
    public record Readme(String area, String policy, String text) {
    }

    /** The README.md of every {@code <area>/<policy>/} folder, sorted by area, then policy. */
    public List<Readme> readmes() {
        List<Readme> readmes = new ArrayList<>();
        contents.forEach((name, bytes) -> {
            String[] parts = name.split("/");
            if (parts.length == 3 && parts[2].equals("README.md")) {
                readmes.add(new Readme(parts[0], parts[1], new String(bytes, StandardCharsets.UTF_8)));
            }
        });
        readmes.sort(Comparator.comparing(Readme::area).thenComparing(Readme::policy));
        return readmes;
    }

    /** SHA-256 over the relative path and content of every file: equal exactly when OPA would load the same. */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            contents.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(bytes);
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mirrors {@code opa run --ignore samples --ignore .*}: no part of the path is ignored. */
    private static boolean loaded(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("samples") || name.startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    private static String slashed(Path relative) {
        StringBuilder s = new StringBuilder();
        for (Path part : relative) {
            if (!s.isEmpty()) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }
}
