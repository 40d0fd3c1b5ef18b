package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextPoolTest {

    private static final String LONG = "x".repeat(TextPool.LONGEST + 1);

    private static Resource load(YamlLoader loader, String name, String yaml) {
        return loader.load(new SourceFile(Path.of(name), name), yaml.getBytes(StandardCharsets.UTF_8))
                .resources().getFirst();
    }

    private static String key(Map<String, Object> map, String key) {
        return map.keySet().stream().filter(key::equals).findFirst().orElseThrow();
    }

    @Test
    void filesReadByOneLoaderShareTheirShortTexts() {
        YamlLoader loader = new YamlLoader(LoadLimits.DEFAULT);
        Resource a = load(loader, "a.yaml", "kind: ConfigMap\nmetadata: {name: a}\ndata: {" + LONG + ": v}\n");
        Resource b = load(loader, "b.yaml", "kind: ConfigMap\nmetadata: {name: b}\ndata: {" + LONG + ": v}\n");

        assertSame(key(a.content(), "kind"), key(b.content(), "kind"));
        assertSame(a.content().get("kind"), b.content().get("kind"));
        @SuppressWarnings("unchecked")
        Map<String, Object> dataA = (Map<String, Object>) a.content().get("data");
        @SuppressWarnings("unchecked")
        Map<String, Object> dataB = (Map<String, Object>) b.content().get("data");
        assertSame(dataA.get(LONG), dataB.get(LONG));
        assertNotSame(key(dataA, LONG), key(dataB, LONG), "a long text is kept as read");
        assertEquals(key(dataA, LONG), key(dataB, LONG));
    }

    @Test
    void separateLoadersDoNotShare() {
        Resource a = load(new YamlLoader(LoadLimits.DEFAULT), "a.yaml", "kind: ConfigMap\n");
        Resource b = load(new YamlLoader(LoadLimits.DEFAULT), "b.yaml", "kind: ConfigMap\n");
        assertNotSame(a.content().get("kind"), b.content().get("kind"));
        assertEquals(a.content().get("kind"), b.content().get("kind"));
    }
}
