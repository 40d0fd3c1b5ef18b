package dev.gitops.validator.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.gitops.validator.check.RunOptions;
import dev.gitops.validator.config.ValidatorConfig;
import dev.gitops.validator.finding.Finding;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.pipeline.CheckRegistry;
import dev.gitops.validator.pipeline.Report;
import dev.gitops.validator.pipeline.RuleFilter;
import dev.gitops.validator.pipeline.RunRequest;
import dev.gitops.validator.pipeline.Validator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy check against a real OPA: findings, and failing closed when OPA cannot judge. */
class PolicyCheckTest {

    private static final String BAD_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: web
            spec:
              replicas: 1
              template:
                spec:
                  containers:
                    - name: web
                      image: nginx:latest
                      securityContext:
                        privileged: true
            """;

    @TempDir
    Path tmp;

    private Report validate(PolicyLibrary library, RuleFilter filter, RunOptions options) throws IOException {
        Path file = tmp.resolve("deployment.yaml");
        Files.writeString(file, BAD_DEPLOYMENT);
        return new Validator(new CheckRegistry(List.of(new PolicyCheck(library))))
                .run(new RunRequest(tmp, List.of(file.toString()), null, ValidatorConfig.defaults(), filter, true,
                        options));
    }

    private static RunOptions withOpa() throws Exception {
        return RunOptions.NONE.withOpaBinary(TestOpa.binary().toString());
    }

    @Test
    void privateOpaFindsViolationsAtTheirLineAndStopsAfterwards() throws Exception {
        Report report = validate(PolicyLibrary.standard(), RuleFilter.ALL, withOpa());
        assertEquals(List.of(), report.fatal());
        Finding privileged = report.findings().stream().filter(f -> f.rule().equals("SEC002")).findFirst().orElseThrow();
        assertEquals(14, privileged.line());
        assertEquals("spec.template.spec.containers[0].securityContext.privileged", privileged.path());
        assertEquals(Severity.ERROR, privileged.severity());
        assertTrue(report.findings().stream().anyMatch(f -> f.rule().equals("IMG002") && f.line() == 12));
        assertEquals(2, report.exitCode(false) > 0 ? 2 : 0, "errors fail the run");
        assertTrue(noOpaChildren(), "the private OPA server is still running");
    }

    @Test
    void missingOpaFailsClosed() throws IOException {
        Report report = validate(PolicyLibrary.standard(), RuleFilter.ALL, RunOptions.NONE.withOpaBinary(tmp.resolve("no-opa").toString()));
        assertEquals(1, report.fatal().size(), report.fatal().toString());
        assertTrue(report.fatal().getFirst().contains("install OPA 1.22.3"), report.fatal().toString());
        assertEquals(2, report.exitCode(false));
    }

    @Test
    void skippingPoliciesNeedsNoOpa() throws IOException {
        Report report = validate(PolicyLibrary.standard(), new RuleFilter(Set.of(), Set.of("policy")),
                RunOptions.NONE.withOpaBinary(tmp.resolve("no-opa").toString()));
        assertEquals(List.of(), report.fatal());
    }

    @Test
    void aPolicyThatDoesNotCompileFailsClosedWithOpasMessage() throws Exception {
        Path library = copyLibraryWith("broken", """
                package gitops.bad.broken

                deny contains v if {
                	v := {"rule": "BAD001", "msg": concat("", [input.nope])
                }
                """);
        Report report = validate(PolicyLibrary.read(library), RuleFilter.ALL, withOpa());
        assertEquals(1, report.fatal().size(), report.fatal().toString());
        String message = report.fatal().getFirst();
        assertTrue(message.contains("could not load the policies"), message);
        assertTrue(message.contains("rego_parse_error") && message.contains("policy.rego"), message);
        assertEquals(2, report.exitCode(false));
        assertTrue(noOpaChildren());
    }

    @Test
    void anEvaluationErrorOfASharedOpaShowsOpasErrorBody() throws Exception {
        Path library = copyLibraryWith("conflict", """
                package gitops.bad.conflict

                level := "one" if count(input.resources) > 0

                level := "two" if count(input.resources) > 0

                deny contains {"rule": "BAD001", "msg": level, "resource": {}, "path": []} if level
                """);
        try (OpaServer shared = OpaServer.start(TestOpa.binary(), library, Duration.ofSeconds(30))) {
            Report report = validate(PolicyLibrary.read(library), RuleFilter.ALL, RunOptions.NONE.withOpa(shared.url().toString(), null));
            assertEquals(1, report.fatal().size(), report.fatal().toString());
            String message = report.fatal().getFirst();
            assertTrue(message.contains("answered an error") && message.contains("eval_conflict_error"), message);
        }
    }

    @Test
    void aSharedOpaWithoutThePoliciesFailsClosed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        try (OpaServer shared = OpaServer.start(TestOpa.binary(), empty, Duration.ofSeconds(30))) {
            Report report = validate(PolicyLibrary.standard(), RuleFilter.ALL, RunOptions.NONE.withOpa(shared.url().toString(), null));
            assertTrue(report.fatal().getFirst().contains("has no data.validator.report"), report.fatal().toString());
        }
    }

    @Test
    void aSlowOpaTimesOut() throws Exception {
        HttpServer slow = server(exchange -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        try {
            Report report = validate(PolicyLibrary.standard(), RuleFilter.ALL,
                    RunOptions.NONE.withOpa(url(slow), "1"));
            assertTrue(report.fatal().getFirst().contains("did not answer within 1 s"), report.fatal().toString());
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void aMalformedAnswerFailsClosed() throws Exception {
        for (String body : List.of("{\"result\": {\"deny\": 1}}", "not json",
                "{\"result\": [{\"level\": \"deny\", \"policy\": \"x.y\", \"violation\": {\"rule\": \"SEC001\"}}]}",
                "{\"result\": [{\"level\": \"deny\", \"policy\": \"x.y\", \"violation\": {\"rule\": \"NOPE001\", \"msg\": \"m\"}}]}")) {
            HttpServer nonsense = server(exchange -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            try {
                Report report = validate(PolicyLibrary.standard(), RuleFilter.ALL, RunOptions.NONE.withOpa(url(nonsense), null));
                assertEquals(1, report.fatal().size(), body);
                assertEquals(2, report.exitCode(false), body);
            } finally {
                nonsense.stop(0);
            }
        }
    }

    @Test
    void anUnreachableOpaFailsClosed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Report report = validate(PolicyLibrary.standard(), RuleFilter.ALL, RunOptions.NONE.withOpa("http://127.0.0.1:" + port, null));
        assertTrue(report.fatal().getFirst().contains("cannot reach OPA"), report.fatal().toString());
        Report bad = validate(PolicyLibrary.standard(), RuleFilter.ALL, RunOptions.NONE.withOpa("not a url", null));
        assertTrue(bad.fatal().getFirst().contains("--opa-url must be an http(s) URL"), bad.fatal().toString());
    }

    @Test
    void rulesAndDocumentationComeFromTheReadmesWithoutOpa() {
        PolicyCheck check = new PolicyCheck(PolicyLibrary.standard());
        List<String> ids = check.rules().stream().map(Rule::id).toList();
        assertTrue(ids.containsAll(List.of("SEC001", "RES001", "IMG001", "SECRET001", "AVAIL001", "STORAGE001",
                "ARGOCD101", "KARPENTER101")), ids.toString());
        assertTrue(check.rules().stream().allMatch(r -> r.category().equals(PolicyLibrary.CATEGORY)));
        assertTrue(check.documentation("STORAGE005").contains("storage/s3-buckets"));
        assertEquals(Severity.WARNING, check.rules().stream().filter(r -> r.id().equals("STORAGE007")).findFirst()
                .orElseThrow().defaultSeverity());
    }

    @Test
    void readmeRulesTable() {
        List<Rule> rules = PolicyLibrary.parseRules("""
                | rule | severity | title |
                |---|---|---|
                | ABC001 | error | Do `this` |
                | ABC002 | warning | Do that |
                not | a | row |
                """);
        assertEquals(List.of(new Rule("ABC001", "policy", Severity.ERROR, "Do this"),
                new Rule("ABC002", "policy", Severity.WARNING, "Do that")), rules);
    }

    private Path copyLibraryWith(String name, String rego) throws IOException {
        Path library = tmp.resolve("library-" + name);
        Path source = PolicyLibrary.standard().dir();
        Files.createDirectories(library.resolve("lib"));
        for (String f : List.of("lib/kubernetes.rego", "lib/report.rego")) {
            Files.copy(source.resolve(f), library.resolve(f));
        }
        Path policy = Files.createDirectories(library.resolve("bad/" + name));
        Files.writeString(policy.resolve("policy.rego"), rego);
        Files.writeString(policy.resolve("README.md"), "| BAD001 | error | Bad |\n");
        return library;
    }

    private static boolean noOpaChildren() {
        try (Stream<ProcessHandle> children = ProcessHandle.current().descendants()) {
            return children.filter(ProcessHandle::isAlive)
                    .noneMatch(p -> p.info().command().map(c -> c.endsWith("/opa")).orElse(false));
        }
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", handler);
        s.start();
        return s;
    }

    private static String url(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort();
    }
}
