package dev.gitops.validator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What CI tools read from the JUnit, GitHub and JSON reports. */
class OtherFormatsTest {

    @Test
    void junitIsWellFormedXmlWithOneCasePerResourceAndFailuresWithFileAndLine() throws Exception {
        String xml = ReportGoldenTest.render("junit", SampleReports.withFindings());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(7, cases.getLength());
        assertEquals("7", doc.getDocumentElement().getAttribute("tests"));
        assertEquals("2", doc.getDocumentElement().getAttribute("failures"));
        NodeList failures = doc.getElementsByTagName("failure");
        assertEquals(2, failures.getLength());
        Element dup = (Element) failures.item(0);
        assertEquals("Deployment/shop/web", ((Element) dup.getParentNode()).getAttribute("name"));
        assertTrue(dup.getAttribute("message").startsWith("apps/b, c.yaml:3:1: YAML008"));
        Element syntax = (Element) failures.item(1);
        assertTrue(syntax.getTextContent().contains("clusters/odd/bad:file.yaml:2:7: error YAML001"));
        assertTrue(syntax.getAttribute("message").contains("in <line 2> & \"quoted\""), "escaped and read back");
    }

    @Test
    void junitReplacesCharactersXmlCannotHold() throws Exception {
        String s = JunitReporter.text("bad \u0001 byte") + JunitReporter.attr("\u0000");
        assertEquals("bad \uFFFD byte\uFFFD", s);
    }

    /** The Actions runner's parser: {@code ::name k=v,k=v::message}, then unescaping. */
    private record Command(String name, List<String[]> properties, String message) {
    }

    private static final Pattern COMMAND = Pattern.compile("^::(\\w+)(?: ([^:]*))?::(.*)$");

    private static Command parse(String line) {
        Matcher m = COMMAND.matcher(line);
        assertTrue(m.matches(), "a workflow command: " + line);
        List<String[]> props = new ArrayList<>();
        if (m.group(2) != null) {
            for (String kv : m.group(2).split(",")) {
                int eq = kv.indexOf('=');
                props.add(new String[] {kv.substring(0, eq), unescapeProperty(kv.substring(eq + 1))});
            }
        }
        return new Command(m.group(1), props, unescapeData(m.group(3)));
    }

    private static String unescapeData(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%");
    }

    private static String unescapeProperty(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
    }

    @Test
    void githubCommandsRoundTripThroughTheRunnersParser() {
        String out = ReportGoldenTest.render("github", SampleReports.withFindings());
        List<String> lines = out.lines().toList();
        Command dup = parse(lines.get(0));
        assertEquals("error", dup.name());
        assertEquals(List.of("file", "apps/b, c.yaml"), List.of(dup.properties().get(0)));
        assertEquals(List.of("line", "3"), List.of(dup.properties().get(1)));
        assertEquals(List.of("col", "1"), List.of(dup.properties().get(2)));
        assertEquals(List.of("title", "YAML008"), List.of(dup.properties().get(3)));
        assertTrue(dup.message().endsWith("\nhint: keep one definition"));
        Command warning = parse(lines.get(1));
        assertEquals("warning", warning.name());
        assertTrue(warning.message().contains("100% sure"));
        Command syntax = parse(lines.get(2));
        assertEquals(List.of("file", "clusters/odd/bad:file.yaml"), List.of(syntax.properties().get(0)));
        assertTrue(syntax.message().contains("here\n  in <line 2>"));
        assertEquals("notice", parse(lines.get(3)).name());
        assertEquals(5, lines.size(), "four annotations and the summary; waived findings are not annotated");
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        JsonNode j = new ObjectMapper().readTree(ReportGoldenTest.render("json", SampleReports.withFindings()));
        JsonNode f = j.path("findings").get(0);
        for (String field : List.of("rule", "severity", "message", "file", "line", "column", "resource", "path")) {
            assertTrue(f.has(field), "finding has " + field);
        }
        for (String field : List.of("apiVersion", "kind", "namespace", "name")) {
            assertTrue(f.path("resource").has(field), "resource has " + field);
        }
        assertEquals("apps/v1", f.at("/resource/apiVersion").asText());
        assertEquals(3, f.path("line").asInt());
        JsonNode s = j.path("summary");
        assertEquals(6, s.path("files").asInt());
        assertEquals(5, s.path("resources").asInt());
        assertEquals(2, s.path("errors").asInt());
        assertEquals(1, s.path("warnings").asInt());
        assertEquals(1, s.path("waived").asInt());
        assertEquals("YAML011", j.at("/waived/0/finding/rule").asText());
    }
}
