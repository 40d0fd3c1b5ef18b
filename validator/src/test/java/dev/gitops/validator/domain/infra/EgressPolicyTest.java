package dev.gitops.validator.domain.infra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.DomainTestSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The NetworkPolicy reading behind INFRA007: CIDR blocks, pod selectors, egress rules to one address and port. */
class EgressPolicyTest {

    private static final byte[] AGENT = Cidr.address("169.254.170.23");
    private static final byte[] AGENT_V6 = Cidr.address("fd00:ec2::23");

    private static EgressPolicy policy(String spec) {
        return new EgressPolicy(DomainTestSupport.load("np.yaml", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: p
                  namespace: ns
                spec:
                """ + spec.indent(2)).getFirst());
    }

    @Test
    void blocksHoldTheirAddressesOnly() {
        assertTrue(Cidr.parse("169.254.170.23/32").contains(AGENT));
        assertTrue(Cidr.parse("169.254.0.0/16").contains(AGENT));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(AGENT));
        assertTrue(Cidr.parse("169.254.170.16/29").contains(AGENT));
        assertFalse(Cidr.parse("169.254.170.24/29").contains(AGENT));
        assertFalse(Cidr.parse("169.254.169.254/32").contains(AGENT));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(AGENT));
        assertFalse(Cidr.parse("::/0").contains(AGENT), "an IPv6 block never holds an IPv4 address");
        assertTrue(Cidr.parse("fd00:ec2::/64").contains(AGENT_V6));
        assertTrue(Cidr.parse("::/0").contains(AGENT_V6));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(AGENT_V6));
        assertArrayEquals(new byte[] {(byte) 169, (byte) 254, (byte) 170, 23}, AGENT);
    }

    @Test
    void onlyLiteralsWithValidPrefixesAreBlocks() {
        assertNull(Cidr.parse("169.254.170.23/33"));
        assertNull(Cidr.parse("169.254.170.300/32"));
        assertNull(Cidr.parse("10.0.0.0/x"));
        assertNull(Cidr.parse("localhost/32"), "a name is never resolved");
        assertNull(Cidr.parse("example.com"));
        assertNull(Cidr.parse(".:/8"));
        assertNull(Cidr.parse(null));
    }

    @Test
    void egressIsRestrictedByPolicyTypesOrByAnEgressSectionWithoutThem() {
        assertTrue(policy("podSelector: {}\npolicyTypes: [Ingress, Egress]\n").restrictsEgress());
        assertFalse(policy("podSelector: {}\npolicyTypes: [Ingress]\negress: [{}]\n").restrictsEgress());
        assertTrue(policy("podSelector: {}\negress: []\n").restrictsEgress());
        assertFalse(policy("podSelector: {}\ningress: []\n").restrictsEgress());
    }

    @Test
    void selectorsMatchLabelsAndExpressionsAndUnknownLabelsOnlyTheEmptySelector() {
        Map<String, String> processor = Map.of("app", "processor", "tier", "api");
        assertTrue(policy("podSelector: {}\n").selects(processor));
        assertTrue(policy("podSelector: {}\n").selects(null));
        assertTrue(policy("podSelector:\n  matchLabels: {app: processor}\n").selects(processor));
        assertFalse(policy("podSelector:\n  matchLabels: {app: processor}\n").selects(null));
        assertFalse(policy("podSelector:\n  matchLabels: {app: other}\n").selects(processor));
        assertTrue(policy("podSelector:\n  matchExpressions: [{key: tier, operator: In, values: [api, web]}]\n")
                .selects(processor));
        assertFalse(policy("podSelector:\n  matchExpressions: [{key: tier, operator: NotIn, values: [api]}]\n")
                .selects(processor));
        assertTrue(policy("podSelector:\n  matchExpressions: [{key: gone, operator: DoesNotExist}]\n").selects(processor));
        assertFalse(policy("podSelector:\n  matchExpressions: [{key: gone, operator: Exists}]\n").selects(processor));
    }

    @Test
    void anEgressRuleMustReachTheAddressOnTcp80() {
        String select = "podSelector: {}\npolicyTypes: [Egress]\n";
        // the old tree: HTTPS anywhere, nothing on port 80
        assertFalse(policy(select + "egress:\n- to: [{ipBlock: {cidr: 0.0.0.0/0}}]\n  ports: [{protocol: TCP, port: 443}]\n")
                .allowsTcp(AGENT, 80));
        assertTrue(policy(select + "egress:\n- to: [{ipBlock: {cidr: 169.254.170.23/32}}]\n  ports: [{protocol: TCP, port: 80}]\n")
                .allowsTcp(AGENT, 80));
        assertTrue(policy(select + "egress:\n- to: [{ipBlock: {cidr: 169.254.170.23/32}}]\n  ports: [{port: 80}]\n")
                .allowsTcp(AGENT, 80), "the protocol defaults to TCP");
        assertFalse(policy(select + "egress:\n- to: [{ipBlock: {cidr: 169.254.170.23/32}}]\n  ports: [{protocol: UDP, port: 80}]\n")
                .allowsTcp(AGENT, 80));
        assertTrue(policy(select + "egress:\n- to: [{ipBlock: {cidr: 169.254.0.0/16}}]\n  ports: [{port: 1, endPort: 1024}]\n")
                .allowsTcp(AGENT, 80));
        assertFalse(policy(select + "egress:\n- to: [{ipBlock: {cidr: 169.254.0.0/16}}]\n  ports: [{port: http}]\n")
                .allowsTcp(AGENT, 80), "a named port never matches an ipBlock");
        assertFalse(policy(select + "egress:\n- to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.0.0/16]}}]\n")
                .allowsTcp(AGENT, 80));
        assertTrue(policy(select + "egress:\n- to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]\n")
                .allowsTcp(AGENT, 80));
        assertFalse(policy(select + "egress:\n- to: [{namespaceSelector: {}}]\n").allowsTcp(AGENT, 80),
                "pod and namespace peers never match the node's host network");
        assertTrue(policy(select + "egress:\n- ports: [{protocol: TCP, port: 80}]\n").allowsTcp(AGENT, 80));
        assertTrue(policy(select + "egress:\n- {}\n").allowsTcp(AGENT, 80));
        assertFalse(policy(select).allowsTcp(AGENT, 80), "no egress rule: deny all");
    }
}
