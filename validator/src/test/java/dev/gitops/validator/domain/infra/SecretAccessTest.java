package dev.gitops.validator.domain.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INFRA009's reading of a role's statements against a secret's ARN, and Deny over Allow. */
class SecretAccessTest {

    private static final String SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:docproc/even/rabbitmq/processor";

    private static List<JsonNode> statements(String document) throws Exception {
        return PolicyDocuments.statements(new ObjectMapper().readTree(document));
    }

    private static String allow(String resource) {
        return "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"" + resource + "\"}]}";
    }

    @Test
    void aPrefixWildcardOrTheSuffixWildcardReadsTheSecret() throws Exception {
        assertNull(SecretAccessCheck.unreadable(statements(allow("arn:aws:secretsmanager:eu-west-1:111122223333:secret:docproc/even/*")), SECRET, false));
        assertNull(SecretAccessCheck.unreadable(statements(allow(SECRET + "-??????")), SECRET, false));
        assertNull(SecretAccessCheck.unreadable(statements(allow(SECRET + "-a1B2c3")), SECRET, false));
        assertNull(SecretAccessCheck.unreadable(statements(allow("*")), SECRET, false));
    }

    @Test
    void theNameAloneMatchesNoSecret() throws Exception {
        String problem = SecretAccessCheck.unreadable(statements(allow(SECRET)), SECRET, false);
        assertTrue(problem.contains("without the 6-character suffix"), problem);
        // a key written as a complete ARN is matched as written
        assertNull(SecretAccessCheck.unreadable(statements(allow(SECRET + "-a1B2c3")), SECRET + "-a1B2c3", true));
    }

    @Test
    void anotherClustersPrefixOrAnotherActionReadsNothing() throws Exception {
        String other = SecretAccessCheck.unreadable(statements(allow("arn:aws:secretsmanager:eu-west-1:111122223333:secret:docproc/odd/*")), SECRET, false);
        assertEquals("its policies allow secretsmanager:GetSecretValue on"
                + " [arn:aws:secretsmanager:eu-west-1:111122223333:secret:docproc/odd/*] only", other);
        String describeOnly = SecretAccessCheck.unreadable(statements(
                "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:DescribeSecret\",\"Resource\":\"*\"}}"), SECRET, false);
        assertEquals("its policies allow secretsmanager:GetSecretValue on nothing", describeOnly);
    }

    @Test
    void aDenyOverridesAnAllow() throws Exception {
        List<JsonNode> s = statements("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"secretsmanager:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"secretsmanager:Get*\",\"Resource\":\"" + SECRET + "-*\"}]}");
        assertFalse(RolePolicies.allows(s, "secretsmanager:GetSecretValue", SECRET + "-a1B2c3"));
        assertTrue(RolePolicies.allows(s, "secretsmanager:DescribeSecret", SECRET + "-a1B2c3"));
        assertTrue(SecretAccessCheck.unreadable(s, SECRET, false) != null);
    }
}
