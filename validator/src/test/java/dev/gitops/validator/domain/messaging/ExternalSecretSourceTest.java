package dev.gitops.validator.domain.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gitops.validator.domain.DomainTestSupport;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExternalSecretSourceTest {

    private static ExternalSecretSource read(String spec) {
        return ExternalSecretSource.of(DomainTestSupport.load("es.yaml", """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: app, namespace: ns}
                spec:
                  secretStoreRef: {kind: ClusterSecretStore, name: aws}
                """ + spec).getFirst());
    }

    @Test
    void refreshesEveryHourWhenNothingIsSet() {
        ExternalSecretSource es = read("  data: [{secretKey: p, remoteRef: {key: rabbitmq/app, property: p}}]\n");
        assertTrue(es.periodic(), "ESO's defaults are Periodic and 1h");
        assertEquals("app", es.secretName());
        assertEquals(Set.of("rabbitmq/app"), es.remoteKeys());
        assertNull(es.fixedUsername());
    }

    @Test
    void zeroIntervalAndOnChangeDoNotRefresh() {
        assertFalse(read("  refreshInterval: \"0\"\n").periodic());
        assertFalse(read("  refreshInterval: 0s\n").periodic());
        assertFalse(read("  refreshPolicy: OnChange\n  refreshInterval: 1h\n").periodic());
        assertFalse(read("  refreshPolicy: CreatedOnce\n").periodic());
        assertTrue(read("  refreshPolicy: Periodic\n  refreshInterval: 15m\n").periodic());
    }

    @Test
    void aTemplatedUsernameIsNotFixed() {
        String template = "  target:\n    name: out\n    template:\n      data:\n        username: %s\n";
        ExternalSecretSource fixed = read(template.formatted("app"));
        assertEquals("out", fixed.secretName());
        assertEquals("app", fixed.fixedUsername());
        assertNull(read(template.formatted("\"{{ .username }}\"")).fixedUsername());
    }

    @Test
    void sharesAKeyOnlyInTheSameStore() {
        ExternalSecretSource a = read("  dataFrom: [{extract: {key: rabbitmq/app}}]\n");
        ExternalSecretSource b = read("  data: [{secretKey: p, remoteRef: {key: rabbitmq/app, property: p}}]\n");
        assertTrue(a.sharesKeyWith(b));
        ExternalSecretSource other = ExternalSecretSource.of(DomainTestSupport.load("o.yaml", """
                apiVersion: external-secrets.io/v1
                kind: ExternalSecret
                metadata: {name: o, namespace: ns}
                spec:
                  secretStoreRef: {kind: SecretStore, name: vault}
                  data: [{secretKey: p, remoteRef: {key: rabbitmq/app, property: p}}]
                """).getFirst());
        assertFalse(a.sharesKeyWith(other));
    }
}
