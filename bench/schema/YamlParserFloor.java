import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;

/**
 * The floor under the validator's YAML stage: snakeyaml-engine alone reading every .yaml file of a
 * folder, in parallel as the validator does, either to parser events only ({@code events}: what the
 * validator builds its tree with positions from) or to plain Java objects ({@code load}). Nothing
 * else: no positions, lints, checks or report. Run by bench/schema.sh in a fresh JVM.
 *
 * <p>Usage: {@code java -cp snakeyaml-engine.jar:. YamlParserFloor FOLDER events|load}
 */
public final class YamlParserFloor {

    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of(args[0]))) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        boolean events = args[1].equals("events");
        long count = files.parallelStream().mapToLong(p -> read(p, events)).sum();
        System.out.println(count + (events ? " events" : " documents") + " from " + files.size() + " files");
    }

    private static long read(Path file, boolean events) {
        try {
            String text = Files.readString(file);
            LoadSettings settings = LoadSettings.builder().build();
            long n = 0;
            for (Object ignored : events ? new Parse(settings).parseString(text)
                    : new Load(settings).loadAllFromString(text)) {
                n++;
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
