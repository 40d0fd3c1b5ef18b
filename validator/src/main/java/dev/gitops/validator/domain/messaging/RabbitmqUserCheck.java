package dev.gitops.validator.domain.messaging;

import static dev.gitops.validator.finding.Rule.error;

import dev.gitops.validator.check.Check;
import dev.gitops.validator.check.CheckContext;
import dev.gitops.validator.check.Findings;
import dev.gitops.validator.domain.Topology;
import dev.gitops.validator.finding.Rule;
import dev.gitops.validator.finding.Severity;
import dev.gitops.validator.resource.Resource;
import dev.gitops.validator.source.FieldPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * RabbitMQ users of the Messaging Topology Operator ({@code rabbitmq.com/v1beta1}) and their credentials
 * (MESSAGING001). A Permission or TopicPermission grants a User of the tree through {@code userReference},
 * which names the User object, never through the literal {@code user}, which must equal whatever username
 * the imported Secret holds; a {@code userReference} names a User of its namespace. A warning when the
 * Secret a User imports its credentials from is written by an ExternalSecret that copies changed remote
 * values on its own, or does not fix the username: the operator copies the imported Secret once into
 * {@code <user>-user-credentials} and never reads it again, so a rotation reaches the Secret and the clients
 * that read the same remote key, but not the broker.
 */
public final class RabbitmqUserCheck implements Check {

    public static final String CATEGORY = "messaging";
    public static final Rule USER = error("MESSAGING001", CATEGORY);
    private static final String GROUP = "rabbitmq.com/";

    @Override
    public List<Rule> rules() {
        return List.of(USER);
    }

    @Override
    public void run(CheckContext context, Findings findings) {
        Topology topology = Topology.of(context.config(), context.resources());
        List<Resource> users = new ArrayList<>();
        List<Resource> grants = new ArrayList<>();
        List<ExternalSecretSource> externalSecrets = new ArrayList<>();
        for (Resource r : context.resources()) {
            String api = r.apiVersion() == null ? "" : r.apiVersion();
            switch (r.kind() == null ? "" : r.kind()) {
                case "User" -> add(users, r, api.startsWith(GROUP));
                case "Permission", "TopicPermission" -> add(grants, r, api.startsWith(GROUP));
                case "ExternalSecret" -> {
                    if (api.startsWith("external-secrets.io/")) {
                        externalSecrets.add(ExternalSecretSource.of(r));
                    }
                }
                default -> {
                }
            }
        }
        for (Resource grant : grants) {
            grant(grant, users, externalSecrets, topology, findings);
        }
        for (Resource user : users) {
            credentials(user, externalSecrets, topology, findings);
        }
    }

    private static void add(List<Resource> list, Resource r, boolean rabbitmq) {
        if (rabbitmq) {
            list.add(r);
        }
    }

    private void grant(Resource grant, List<Resource> users, List<ExternalSecretSource> externalSecrets,
            Topology topology, Findings f) {
        String kind = grant.kind();
        if (grant.get("spec.user") instanceof String literal) {
            for (Resource user : users) {
                if (topology.together(grant, user) && (literal.equals(user.ref().name())
                        || literal.equals(username(user, externalSecrets, topology)))) {
                    f.at(USER, grant, FieldPath.of("spec", "user"), kind + " " + grant.ref().name()
                                    + " names RabbitMQ user " + literal + " by a literal, but that user is the User "
                                    + user.ref().name() + " of the tree, whose username is whatever its credentials "
                                    + "Secret holds: nothing ties the grant to the user, the operator neither waits "
                                    + "for the User nor deletes the grant with it, and a different username in the "
                                    + "Secret leaves the real user without permissions",
                            "replace user: " + literal + " by userReference: {name: " + user.ref().name() + "}");
                    return;
                }
            }
        } else if (grant.get("spec.userReference.name") instanceof String ref && users.stream()
                .noneMatch(u -> ref.equals(u.ref().name()) && topology.sameCluster(grant, u)
                        && Objects.equals(u.ref().namespace(), grant.ref().namespace()))) {
            f.at(USER, grant, FieldPath.of("spec", "userReference", "name"), kind + " " + grant.ref().name()
                            + " refers to User " + ref + ", which no User of namespace " + grant.ref().namespace()
                            + " in this cluster's tree is named: the operator never grants it",
                    "name a User of the same namespace (userReference is a local reference)");
        }
    }

    /** The username a User's imported Secret fixes in its ExternalSecret's template, or null. */
    private static String username(Resource user, List<ExternalSecretSource> externalSecrets, Topology topology) {
        ExternalSecretSource source = importedFrom(user, externalSecrets, topology);
        return source != null && source.fixedUsername() instanceof String u ? u : null;
    }

    private static ExternalSecretSource importedFrom(Resource user, List<ExternalSecretSource> externalSecrets,
            Topology topology) {
        if (!(user.get("spec.importCredentialsSecret.name") instanceof String secret)) {
            return null;
        }
        return externalSecrets.stream()
                .filter(es -> secret.equals(es.secretName()) && topology.together(user, es.source()))
                .findFirst().orElse(null);
    }

    private void credentials(Resource user, List<ExternalSecretSource> externalSecrets, Topology topology,
            Findings f) {
        ExternalSecretSource imported = importedFrom(user, externalSecrets, topology);
        if (imported == null) {
            return;
        }
        String name = user.ref().name();
        String copy = name + "-user-credentials";
        if (imported.periodic() || imported.fixedUsername() == null) {
            String why = (imported.periodic() ? "copies a changed value of " + String.join(", ",
                    imported.remoteKeys()) + " from its store on its own (refreshPolicy Periodic)" : "")
                    + (imported.periodic() && imported.fixedUsername() == null ? ", and " : "")
                    + (imported.fixedUsername() == null ? "takes the username from the store instead of fixing it "
                    + "in spec.target.template.data" : "");
            warn(f, imported.source(), imported.periodic() ? imported.refreshAt() : FieldPath.of("spec", "target"),
                    "User " + name + " imports its credentials from Secret " + imported.secretName()
                            + ", whose ExternalSecret " + why + ". The Messaging Topology Operator copies the "
                            + "imported Secret once into " + copy + " and does not read it again (operator issue "
                            + "#571, up to v1.19): a rotated password reaches the Secret but not the broker, and a "
                            + "changed username is never applied",
                    "set refreshPolicy: OnChange, fix username in spec.target.template.data, and rotate by the "
                            + "documented step (update " + copy + ", annotate the User to reconcile it, then "
                            + "re-sync the ExternalSecrets)");
        }
        for (ExternalSecretSource client : externalSecrets) {
            if (client != imported && client.periodic() && client.sharesKeyWith(imported)
                    && topology.sameCluster(user, client.source())) {
                warn(f, client.source(), client.refreshAt(), "ExternalSecret " + client.source().ref().name()
                                + " copies the credentials of RabbitMQ User " + name + " (" + String.join(", ",
                                client.remoteKeys()) + ") on its own when they change in the store, but the broker "
                                + "keeps the password the operator copied once into " + copy + ": after a rotation, "
                                + "every client started with the new Secret fails to authenticate",
                        "set refreshPolicy: OnChange and re-sync it in the documented rotation step, after the "
                                + "broker has the new password");
            }
        }
    }

    private static void warn(Findings f, Resource r, FieldPath at, String message, String hint) {
        f.add(Findings.of(USER, r, at, message, hint, List.of()).withSeverity(Severity.WARNING));
    }
}
