package dev.gitops.validator.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The API server's string formats at their boundaries (k8s.io/apimachinery/pkg/util/validation). */
class NameFormatsTest {

    private static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    @Test
    void dns1123SubdomainAllowsDotsUpTo253Characters() {
        String label = repeat('a', 63);
        String at253 = label + "." + label + "." + label + "." + repeat('b', 61);
        assertEquals(253, at253.length());
        assertEquals(List.of(), NameFormats.dns1123Subdomain(at253));
        assertEquals(List.of("must be no more than 253 characters"), NameFormats.dns1123Subdomain(at253 + "c"));
        assertFalse(NameFormats.dns1123Subdomain("Upper").isEmpty());
        assertFalse(NameFormats.dns1123Subdomain("ends-with-dash-").isEmpty());
        assertFalse(NameFormats.dns1123Subdomain("double..dot").isEmpty());
        assertEquals(List.of(), NameFormats.dns1123Subdomain("0.starts.with.digit"));
    }

    @Test
    void labelsAndDns1035LabelsAreAtMost63WithoutDots() {
        assertEquals(List.of(), NameFormats.dns1123Label(repeat('a', 63)));
        assertEquals(List.of("must be no more than 63 characters"), NameFormats.dns1123Label(repeat('a', 64)));
        assertFalse(NameFormats.dns1123Label("a.b").isEmpty());
        assertEquals(List.of(), NameFormats.dns1123Label("1st"));
        assertFalse(NameFormats.dns1035Label("1st").isEmpty(), "a DNS-1035 label starts with a letter");
        assertEquals(List.of(), NameFormats.dns1035Label("first-1"));
    }

    @Test
    void qualifiedNamesHaveAnOptionalSubdomainPrefixAndA63CharacterName() {
        assertEquals(List.of(), NameFormats.qualifiedName("app.kubernetes.io/name"));
        assertEquals(List.of(), NameFormats.qualifiedName("Example_Key.v1"));
        assertEquals(List.of(), NameFormats.qualifiedName(repeat('a', 63)));
        assertEquals(List.of("name part must be no more than 63 characters"), NameFormats.qualifiedName(repeat('a', 64)));
        assertTrue(NameFormats.qualifiedName("Example.com/name").getFirst().startsWith("prefix part"));
        assertEquals(List.of("prefix part must be non-empty"), NameFormats.qualifiedName("/name"));
        assertEquals(List.of("name part must be non-empty"), NameFormats.qualifiedName("example.com/"));
        assertEquals(1, NameFormats.qualifiedName("a/b/c").size());
    }

    @Test
    void labelValuesMayBeEmptyAndAtMost63() {
        assertEquals(List.of(), NameFormats.labelValue(""));
        assertEquals(List.of(), NameFormats.labelValue("v1.2.3_rc-1"));
        assertEquals(List.of("must be no more than 63 characters"), NameFormats.labelValue(repeat('v', 64)));
        assertFalse(NameFormats.labelValue("-leading").isEmpty());
        assertFalse(NameFormats.labelValue("with space").isEmpty());
    }

    @Test
    void portNamesFollowTheIanaServiceNameRules() {
        assertEquals(List.of(), NameFormats.portName("http-metrics"));
        assertEquals(List.of(), NameFormats.portName(repeat('p', 15)));
        assertEquals(List.of("must be no more than 15 characters"), NameFormats.portName(repeat('p', 16)));
        assertEquals(List.of("must contain at least one letter (a-z)"), NameFormats.portName("8080"));
        assertEquals(List.of("must not contain consecutive hyphens"), NameFormats.portName("a--b"));
        assertEquals(List.of("must not begin or end with a hyphen"), NameFormats.portName("-http"));
    }

    @Test
    void pathSegmentsAndConfigMapKeys() {
        assertEquals(List.of(), NameFormats.pathSegment("system:Aggregate"));
        assertEquals(List.of("may not contain '/'"), NameFormats.pathSegment("a/b"));
        assertEquals(List.of("may not be '..'"), NameFormats.pathSegment(".."));
        assertEquals(List.of(), NameFormats.configMapKey("app.properties"));
        assertEquals(List.of("must not start with '..'"), NameFormats.configMapKey("..data"));
        assertFalse(NameFormats.configMapKey("a/b").isEmpty());
    }
}
