package dev.gitops.validator.domain.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/** Reads one of the cost model's data files: a YAML mapping, named in every error. */
final class YamlFile {

    private YamlFile() {
    }

    static Map<?, ?> read(Path file, String displayName) throws CostInputException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new CostInputException(displayName + ": cannot read: " + e.getMessage());
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(displayName).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new CostInputException(displayName + ": not valid YAML: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new CostInputException(displayName + ": must be a YAML mapping");
        }
        return m;
    }

    static double number(Map<?, ?> m, String key, String where) throws CostInputException {
        if (!(m.get(key) instanceof Number n) || n.doubleValue() < 0 || Double.isNaN(n.doubleValue())) {
            throw new CostInputException(where + ": '" + key + "' must be a number >= 0, not " + m.get(key));
        }
        return n.doubleValue();
    }

    static String text(Map<?, ?> m, String key, String where) throws CostInputException {
        if (!(m.get(key) instanceof String s) || s.isBlank()) {
            throw new CostInputException(where + ": '" + key + "' must be a non-empty string");
        }
        return s;
    }
}
