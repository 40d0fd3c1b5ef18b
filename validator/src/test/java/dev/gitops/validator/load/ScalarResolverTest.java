package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Plain scalars resolved as Kubernetes (YAML 1.1) reads them, numbers of every size and base included. */
class ScalarResolverTest {

    @Test
    void wordsAreNullsAndBooleans() {
        assertNull(ScalarResolver.resolvePlain("~"));
        assertEquals(Boolean.TRUE, ScalarResolver.resolvePlain("yes"));
        assertEquals(Boolean.FALSE, ScalarResolver.resolvePlain("Off"));
        assertEquals("nope", ScalarResolver.resolvePlain("nope"));
    }

    @Test
    void decimalIntegersAreLongsUpToTheirRangeThenDoubles() {
        assertEquals(0L, ScalarResolver.resolvePlain("0"));
        assertEquals(-42L, ScalarResolver.resolvePlain("-42"));
        assertEquals(1_000L, ScalarResolver.resolvePlain("+1_000"));
        assertEquals(999_999_999_999_999_999L, ScalarResolver.resolvePlain("999999999999999999"), "18 digits");
        assertEquals(-999_999_999_999_999_999L, ScalarResolver.resolvePlain("-999999999999999999"));
        assertEquals(Long.MAX_VALUE, ScalarResolver.resolvePlain("9223372036854775807"), "19 digits");
        assertEquals(Long.MIN_VALUE + 1, ScalarResolver.resolvePlain("-9223372036854775807"));
        assertEquals(9.223372036854775808e18, ScalarResolver.resolvePlain("9223372036854775808"), "beyond a long");
        assertEquals(1e30, ScalarResolver.resolvePlain("1000000000000000000000000000000"));
    }

    @Test
    void otherBasesAndFloats() {
        assertEquals(493L, ScalarResolver.resolvePlain("0755"), "octal, as YAML 1.1 reads it");
        assertEquals(255L, ScalarResolver.resolvePlain("0xff"));
        assertEquals(5L, ScalarResolver.resolvePlain("0b101"));
        assertEquals(8L, ScalarResolver.resolvePlain("0o10"));
        assertEquals(1.5, ScalarResolver.resolvePlain("1.5"));
        assertEquals(Double.NEGATIVE_INFINITY, ScalarResolver.resolvePlain("-.inf"));
        assertEquals("1:30", ScalarResolver.resolvePlain("1:30"));
    }
}
