package dev.gitops.validator.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gitops.validator.check.KubernetesVersion;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.cli.Main;
import dev.gitops.validator.config.ConfigException;
import dev.gitops.validator.config.ConfigLoader;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.Validator;
import dev.gitops.validator.transition.StandardChecks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCheckTest {

    @TempDir
    Path root;

    private Report validate(RunOptions options) throws Exception {
        return new Validator(StandardChecks.all()).run(new RunRequest(root, List.of(), null,
                ConfigLoader.load(root, StandardChecks.all().configSections()), new RuleFilter(Set.of("schema"), Set.of()), true, options));
    }

    private static List<String> lines(Report r) {
        return r.findings().stream().map(f -> f.rule() + " " + f.line() + ":" + f.column() + " " + f.path()).toList();
    }

    @Test
    void reportsEveryMistakeOfOneDocumentAtItsPosition() throws Exception {
        Files.writeString(root.resolve("web.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels:
                    tier: 1
                  annotaions: {}
                spec:
                  replicas: "3"
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      restartPolicy: Allways
                      containers:
                        - image: nginx
                          imagePullPolcy: Always
                          ports:
                            - containerPort: http
                          resources:
                            limits: {memory: 1GB, cpu: 0.5}
                          livenessProbe:
                            httpGet: {port: 8080, path: /}
                            periodSecond: 3
                        - name: side
                          image: busybox
                          command: sleep 3600
                """);
        Report r = validate(RunOptions.NONE);
        assertEquals(List.of(
                "SCHEMA003 6:5 metadata.labels.tier",
                "SCHEMA001 7:3 metadata.annotaions",
                "SCHEMA003 9:3 spec.replicas",
                "SCHEMA004 16:7 spec.template.spec.restartPolicy",
                "SCHEMA002 18:11 spec.template.spec.containers[0].name",
                "SCHEMA001 19:11 spec.template.spec.containers[0].imagePullPolcy",
                "SCHEMA003 21:15 spec.template.spec.containers[0].ports[0].containerPort",
                "SCHEMA004 23:22 spec.template.spec.containers[0].resources.limits.memory",
                "SCHEMA001 26:13 spec.template.spec.containers[0].livenessProbe.periodSecond",
                "SCHEMA003 29:11 spec.template.spec.containers[1].command"), lines(r));
        Finding typo = r.findings().get(5);
        assertTrue(typo.message().contains("did you mean 'imagePullPolicy'"), typo.message());
        assertEquals(List.of(), r.fatal());
        assertEquals(1, r.exitCode(false));
    }

    @Test
    void validManifestsOfCommonKindsPass() throws Exception {
        Files.writeString(root.resolve("ok.yaml"), """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: data, creationTimestamp: null}
                spec:
                  serviceName: db
                  selector: {matchLabels: {app: db}}
                  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 25%}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      tolerations: [{key: dedicated, operator: Equal, value: db, effect: NoSchedule}]
                      containers:
                        - name: db
                          image: postgres:17
                          ports: [{containerPort: 5432, name: pg, protocol: TCP}]
                          resources: {requests: {cpu: 0.25, memory: 1Gi}}
                          readinessProbe: {tcpSocket: {port: pg}}
                  volumeClaimTemplates:
                    - metadata: {name: data}
                      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly}
                spec:
                  schedule: "0 3 * * *"
                  concurrencyPolicy: Forbid
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: job, image: busybox, args: [echo, hi]}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web}
                spec:
                  rules:
                    - host: example.org
                      http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                """);
        Report r = validate(RunOptions.NONE);
        assertEquals(List.of(), lines(r));
    }

    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.com}
            spec:
              group: example.com
              names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
              scope: Namespaced
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          required: [size]
                          properties:
                            size: {type: integer, minimum: 1}
                            port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                            note: {type: string, nullable: true}
                            free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                            template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}
            """;

    @Test
    void customResourcesAreCheckedAgainstCrdsInTheRepository() throws Exception {
        Files.writeString(root.resolve("crd.yaml"), CRD);
        Files.writeString(root.resolve("widgets.yaml"), """
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: good}
                spec: {size: 2, port: http, note: null, free: {x: [1]}, template: {apiVersion: v1, kind: ConfigMap}}
                ---
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: bad
                  lables: {}
                spec:
                  sise: 0
                  port: true
                  template: {}
                """);
        Report r = validate(RunOptions.NONE);
        assertEquals(List.of(
                "SCHEMA001 10:3 metadata.lables",
                "SCHEMA002 11:1 spec.size",
                "SCHEMA001 12:3 spec.sise",
                "SCHEMA003 13:3 spec.port",
                "SCHEMA002 14:3 spec.template.apiVersion",
                "SCHEMA002 14:3 spec.template.kind"), lines(r));
    }

    @Test
    void schemaLocationsAcceptFoldersAndTemplates() throws Exception {
        String schema = """
                {"type": "object", "properties": {"spec": {"type": "object", "additionalProperties": false,
                  "properties": {"size": {"type": "integer", "maximum": 5}}}}}
                """;
        Files.createDirectories(root.resolve("catalog/example.com"));
        Files.writeString(root.resolve("catalog/example.com/gadget_v1.json"), schema);
        Files.createDirectories(root.resolve("flat"));
        Files.writeString(root.resolve("flat/gizmo-example-v1.json"), schema);
        Files.writeString(root.resolve(".gitops-validator.yaml"), """
                include: [manifests]
                schemas:
                  locations: [catalog/]
                """);
        Files.createDirectories(root.resolve("manifests"));
        Files.writeString(root.resolve("manifests/things.yaml"), """
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: a}
                spec: {size: 9}
                ---
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: b}
                spec: {colour: red}
                """);
        Report withoutTemplate = validate(RunOptions.NONE);
        assertEquals(List.of("SCHEMA004 4:8 spec.size", "SCHEMA007 7:1 kind"), lines(withoutTemplate));
        assertEquals(Severity.WARNING, withoutTemplate.findings().get(1).severity());

        Report withTemplate = validate(RunOptions.NONE.withSchemaLocations(List.of("flat/{{ .ResourceKind }}{{.KindSuffix}}.json")));
        assertEquals(List.of("SCHEMA004 4:8 spec.size", "SCHEMA001 9:8 spec.colour"), lines(withTemplate));
    }

    @Test
    void unknownCustomResourcesFollowTheConfiguration() throws Exception {
        Files.writeString(root.resolve("gizmo.yaml"), "apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: b}\n");
        Files.writeString(root.resolve(".gitops-validator.yaml"), "schemas: {unknownCustomResources: error}\n");
        assertEquals(Severity.ERROR, validate(RunOptions.NONE).findings().getFirst().severity());
        Files.writeString(root.resolve(".gitops-validator.yaml"), "schemas: {unknownCustomResources: ignore}\n");
        assertEquals(List.of(), lines(validate(RunOptions.NONE)));
        Files.writeString(root.resolve(".gitops-validator.yaml"), "schemas: {unknownCustomResources: maybe}\n");
        // A bad value is a configuration error at its line, before any check runs (exit 2).
        ConfigException bad = assertThrows(ConfigException.class, () -> validate(RunOptions.NONE));
        assertTrue(bad.getMessage().startsWith(".gitops-validator.yaml:1:11: schemas.unknownCustomResources: "),
                bad.getMessage());
    }

    @Test
    void remoteSchemasAreCachedSoTheSecondRunNeedsNoNetwork() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body;
            int status;
            if (exchange.getRequestURI().getPath().equals("/example.com/gadget_v1.json")) {
                body = "{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\",\"additionalProperties\":false}}}"
                        .getBytes(StandardCharsets.UTF_8);
                status = 200;
            } else {
                body = "not found".getBytes(StandardCharsets.UTF_8);
                status = 404;
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String location = "http://127.0.0.1:" + server.getAddress().getPort()
                + "/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json";
        Files.writeString(root.resolve("things.yaml"), """
                apiVersion: example.com/v1
                kind: Gadget
                metadata: {name: a}
                spec: {size: 9}
                ---
                apiVersion: example.com/v1
                kind: Gizmo
                metadata: {name: b}
                """);
        List<String> first;
        try {
            first = lines(validate(RunOptions.NONE.withSchemaLocations(List.of(location))));
            assertEquals(2, requests.get(), "one request per kind");
        } finally {
            server.stop(0);
        }
        assertEquals(List.of("SCHEMA001 4:8 spec.size", "SCHEMA007 7:1 kind"), first);
        assertTrue(Files.isDirectory(root.resolve(".cache/schemas/http")));
        Report second = validate(RunOptions.NONE.withSchemaLocations(List.of(location)));
        assertEquals(first, lines(second), "the cache answers for both the schema and the 404");
        assertEquals(List.of(), second.fatal());
        assertEquals(2, requests.get());
    }

    @Test
    void anUnreachableLocationWithoutCacheFailsTheRun() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // closed below: nothing listens on the port any more
        }
        Files.writeString(root.resolve("gadget.yaml"), "apiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: a}\n");
        Report r = validate(RunOptions.NONE.withSchemaLocations(List.of("http://127.0.0.1:" + port + "/{{.Group}}/{{.ResourceKind}}.json")));
        assertEquals(2, r.exitCode(false));
        assertFalse(r.fatal().isEmpty());
        assertTrue(r.fatal().getFirst().contains("cannot fetch schema"), r.fatal().toString());
    }

    @Test
    void anUnsupportedKubernetesVersionIsAUsageError() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.run("validate", "--kubernetes-version", "1.20", "--root", root.toString());
        } finally {
            System.setErr(saved);
        }
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Kubernetes 1.20 is not supported (supported: 1.36)"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals("1.36", KubernetesVersion.parse("v1.36.3").toString());
    }
}
