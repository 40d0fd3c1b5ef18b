package dev.gitops.validator.schema.pull;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionVersion;
import io.kubernetes.client.openapi.models.V1JSONSchemaProps;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gitops schemas pull}: reads the CustomResourceDefinitions of a live cluster through
 * kubernetes-java-client and stores the schema of every served version in the schema cache
 * ({@code .cache/schemas/cluster/GROUP/KIND_VERSION.json}), where the schema check finds them.
 *
 * <p>Runs in its own JVM with the full client on the class path (scripts/cmd-schemas.sh); the
 * validator itself never loads it.
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Custom resource schemas for the schema check.",
        subcommands = {SchemasCommand.Pull.class})
public final class SchemasCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SchemasCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: internal failure: " + e);
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code pull [--context NAME] [--kubeconfig FILE] [--root DIR]}. */
    @Command(name = "pull", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 2,
            exitCodeOnExecutionException = 2,
            description = "Stores the schemas of a cluster's CustomResourceDefinitions in .cache/schemas/cluster/.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:schemas stored", "2:no cluster configured or reachable, or the cache cannot be written"})
    static final class Pull implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context; default: the current one.")
        String context;

        @Option(names = "--kubeconfig", paramLabel = "FILE",
                description = "kubeconfig file; default: $KUBECONFIG (its first entry), else ~/.kube/config.")
        Path kubeconfig;

        @Option(names = "--root", paramLabel = "DIR", description = "Repository root; default: the current folder.")
        Path root = Path.of("");

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path file = kubeconfig != null ? kubeconfig : defaultKubeconfig();
            if (file == null || !Files.isRegularFile(file)) {
                err.println("error: no Kubernetes cluster configured: " + (file == null ? "no kubeconfig"
                        : "kubeconfig " + file + " does not exist") + ". `gitops schemas pull` reads the CRDs of a live"
                        + " cluster; without one, give the schema check a CRD or a schema location instead"
                        + " (schemas.locations in .gitops-validator.yaml, or --schema-location).");
                return 2;
            }
            KubeConfig config;
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                config = KubeConfig.loadKubeConfig(r);
                config.setFile(file.toFile());
            } catch (IOException | RuntimeException e) {
                err.println("error: cannot read kubeconfig " + file + ": " + e.getMessage());
                return 2;
            }
            if (context != null && !config.setContext(context)) {
                err.println("error: kubeconfig " + file + " has no context '" + context + "'");
                return 2;
            }
            String contextName = config.getCurrentContext();
            if (contextName == null) {
                err.println("error: kubeconfig " + file + " names no current context; pass --context NAME");
                return 2;
            }
            List<V1CustomResourceDefinition> crds;
            try {
                ApiClient client = ClientBuilder.kubeconfig(config, Duration.ofSeconds(20)).build();
                crds = new ApiextensionsV1Api(client).listCustomResourceDefinition().execute().getItems();
            } catch (ApiException e) {
                String why = e.getCode() == 0 ? String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                        : "HTTP " + e.getCode();
                err.println("error: cannot list the CustomResourceDefinitions of context '" + contextName + "' ("
                        + config.getServer() + "): " + why);
                return 2;
            } catch (IOException | RuntimeException e) {
                err.println("error: cannot connect to context '" + contextName + "' (" + config.getServer() + "): "
                        + e.getMessage());
                return 2;
            }
            Path target = root.toAbsolutePath().resolve(".cache/schemas/cluster");
            int written = 0;
            try {
                for (V1CustomResourceDefinition crd : crds) {
                    String group = crd.getSpec().getGroup();
                    String kind = crd.getSpec().getNames().getKind();
                    for (V1CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                        V1JSONSchemaProps schema = v.getSchema() == null ? null : v.getSchema().getOpenAPIV3Schema();
                        if (!Boolean.TRUE.equals(v.getServed()) || schema == null) {
                            continue;
                        }
                        Path f = target.resolve(group).resolve(kind.toLowerCase(Locale.ROOT) + "_" + v.getName() + ".json");
                        Files.createDirectories(f.getParent());
                        Files.writeString(f, JSON.serialize(schema));
                        written++;
                    }
                }
            } catch (IOException e) {
                err.println("error: cannot write " + target + ": " + e.getMessage());
                return 2;
            }
            out.println("stored " + written + " schemas of " + crds.size() + " CustomResourceDefinitions from context '"
                    + contextName + "' in " + target);
            return 0;
        }

        private static Path defaultKubeconfig() {
            String env = System.getenv("KUBECONFIG");
            if (env != null && !env.isBlank()) {
                return Path.of(env.split(java.io.File.pathSeparator)[0]);
            }
            String home = System.getProperty("user.home");
            return home == null ? null : Path.of(home, ".kube", "config");
        }
    }
}
