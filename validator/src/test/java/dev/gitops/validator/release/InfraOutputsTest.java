package dev.gitops.validator.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra-outputs} on a temporary copy of the repository's tree, with the statuses of a rebuilt
 * account ({@code infra-outputs/rebuilt.yaml}: every identifier new, account and region the same).
 */
class InfraOutputsTest {

    static final String OLD_VPC = "vpc-0a1b2c3d4e5f60718";
    static final String NEW_VPC = "vpc-0f9e8d7c6b5a40312";
    static final String OLD_KEY = "mrk-5f0c1e2d3b4a49d8a7c6b5e4d3c2b1a0";
    static final String NEW_KEY = "mrk-0123456789abcdef0123456789abcdef";
    static final String OLD_TOKEN = "_3c1f0e9d8b7a65f4e3d2c1b0a9f8e7d6";
    static final String NEW_TOKEN = "_a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @TempDir
    Path tmp;

    TempRepo repo;
    Path rebuilt;

    @BeforeEach
    void setUp() throws IOException {
        repo = TempRepo.create(tmp);
        rebuilt = tmp.resolve("rebuilt.yaml");
        Files.copy(Path.of("src/test/resources/infra-outputs/rebuilt.yaml"), rebuilt);
    }

    @Test
    void printsTheDifferenceAndChangesNothing() {
        String before = repo.snapshot();
        assertEquals(1, repo.run("infra-outputs", "even", "--from", rebuilt.toString()), repo.out + repo.err);
        assertTrue(repo.out.contains("- vpcId: " + OLD_VPC + "\n+ vpcId: " + NEW_VPC
                + "   # VPC aws-resources/docproc status.vpcID\n"), repo.out);
        assertTrue(repo.out.contains("+ publicHostedZoneId: Z09876543210NEWPUB   # HostedZone aws-resources/docs-example-com"
                + " status.id\n"), repo.out);
        assertTrue(repo.out.contains("+ privateHostedZoneId: Z09876543210NEWPRIV "), repo.out);
        assertTrue(repo.out.contains("+ kmsKeyArn: arn:aws:kms:eu-west-1:111122223333:key/" + NEW_KEY + " "), repo.out);
        assertTrue(repo.out.contains("+ publicCertificateValidationName: " + NEW_TOKEN + ".docs.example.com.   # "
                + "Certificate aws-resources/docs-example-com status.domainValidations[].resourceRecord.name\n"), repo.out);
        assertTrue(repo.out.contains("\n  accountId: 111122223333\n  region: eu-west-1\n"), repo.out);
        assertTrue(repo.out.contains("not read from the status: clusterName, kmsReplicaKeyArn, privateSubnetIds"),
                repo.out);
        assertTrue(repo.out.contains("15 differ, 0 without a value, 2 equal"), repo.out);
        // the retained objects' adoption-fields, among them a subnet, whose id is no output
        assertTrue(repo.out.contains("- infra/aws/network/vpc.yaml adoption-fields subnetID: subnet-32fac5f3cea46b59c\n"
                + "+ infra/aws/network/vpc.yaml adoption-fields subnetID: subnet-0c1d2e3f4a5b6c7d8   # Subnet "
                + "aws-resources/docproc-even-private-a status.subnetID\n"), repo.out);
        assertTrue(repo.out.contains("adoption-fields: 11 differ, 0 without a value, 0 equal"), repo.out);
        assertEquals(before, repo.snapshot(), "comparing changed the tree");
    }

    @Test
    void equalOutputsExitZero() throws IOException {
        assertEquals(0, repo.run("infra-outputs", "even", "--from", rebuilt.toString(), "--write"), repo.out + repo.err);
        assertEquals(0, repo.run("infra-outputs", "odd", "--from", rebuilt.toString()), repo.out + repo.err);
        assertTrue(repo.out.contains("0 differ, 0 without a value, 17 equal"), repo.out);
        assertEquals(0, repo.run("infra-outputs", "even", "--from", rebuilt.toString(), "--write"), repo.out + repo.err);
        assertTrue(repo.out.contains("nothing to change"), repo.out);
    }

    @Test
    void writesTheOutputsAndEveryCopyKeepingComments() {
        String outputs = repo.read("clusters/even/aws-outputs.yaml");
        assertEquals(0, repo.run("infra-outputs", "even", "--from", rebuilt.toString(), "--write"), repo.out + repo.err);
        String written = repo.read("clusters/even/aws-outputs.yaml");
        String expected = outputs.replace(OLD_VPC, NEW_VPC).replace("Z0123456789PUBLIC", "Z09876543210NEWPUB")
                .replace("Z0123456789PRIVATE", "Z09876543210NEWPRIV").replace(OLD_KEY, NEW_KEY)
                .replace("0b6c7d1e-2f3a-4b5c-8d9e-0f1a2b3c4d5e", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
                .replace(OLD_TOKEN, NEW_TOKEN)
                .replace("7e8f9a0b-1c2d-4e3f-9a5b-6c7d8e9f0a1b", "4c3b2a19-0f8e-4d7c-b6a5-94837261504f")
                .replace("_5b4a39f2e1d0c9b8a7f6e5d4c3b2a190", "_b2c3d4e5f60718293a4b5c6d7e8f90a1")
                .replace("_2d1c0b9a8f7e6d5c4b3a291807f6e5d4.zfyfvmchrl", "_1e2d3c4b5a69788796a5b4c3d2e1f00f.xlfgrmvvlj")
                .replace("_8e7d6c5b4a39f2e1d0c9b8a7f6e5d4c3.zfyfvmchrl", "_0f1e2d3c4b5a69788796a5b4c3d2e1f0.xlfgrmvvlj")
                .replace("ws-5d3e2f10-8a7b-4c6d-9e0f-1a2b3c4d5e6f", "ws-0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d")
                // the maintenance page's certificate (us-east-1), origin access control and distribution
                .replace("4a5b6c7d-8e9f-4a0b-9c1d-2e3f4a5b6c7d", "7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a")
                .replace("E1B4Z9WQX0TCOA", "E3NEWOACREBUILT").replace("E2MQ7XK4TR9P1D", "E9NEWDISTREBLT")
                .replace("d1a2b3c4d5e6f7.cloudfront.net", "d9f8e7d6c5b4a3.cloudfront.net")
                // privateSubnetIds is read from no status: it follows the subnet's adoption-fields
                .replace("subnet-32fac5f3cea46b59c", "subnet-0c1d2e3f4a5b6c7d8");
        assertEquals(expected, written, "only the identifiers change; comments, order and the other keys stay");
        assertTrue(written.startsWith("# What the infrastructure layer"), written);
        // the adoption-fields of the retained resources and the copies in the trees follow
        assertTrue(repo.read("infra/aws/network/vpc.yaml").contains("adoption-fields: '{\"vpcID\": \"" + NEW_VPC + "\"}'"));
        assertTrue(repo.read("infra/aws/network/vpc.yaml").contains("'{\"subnetID\": \"subnet-0c1d2e3f4a5b6c7d8\"}'"));
        assertTrue(repo.read("infra/aws/clusters/even/prometheus.yaml").contains("        - subnet-0c1d2e3f4a5b6c7d8 "),
                "the collector names the subnet by its new id");
        assertTrue(repo.read("infra/aws/kms/key.yaml").contains("adoption-fields: '{\"keyID\": \"" + NEW_KEY + "\"}'"));
        assertTrue(repo.read("infra/aws/acm/validation-records.yaml").contains("  name: " + NEW_TOKEN + "\n"));
        assertTrue(repo.read("clusters/odd/aws-outputs.yaml").contains("vpcId: " + NEW_VPC + "\n"));
        assertTrue(repo.read("clusters/odd/aws-outputs.yaml").contains("kmsReplicaKeyArn: arn:aws:kms:eu-central-1:"
                + "111122223333:key/" + NEW_KEY + "\n"), "a multi-Region replica shares the key id");
        // the maintenance page: the secondary's alias, the distribution's origin access control, the bucket policy
        assertTrue(repo.read("infra/aws/dns/public-failover.yaml").contains("dnsName: d9f8e7d6c5b4a3.cloudfront.net\n"));
        String endpoint = repo.read("infra/aws/maintenance/endpoint.yaml");
        assertTrue(endpoint.contains("originAccessControlID: E3NEWOACREBUILT\n"), endpoint);
        assertTrue(endpoint.contains("\"AWS:SourceArn\":\"arn:aws:cloudfront::111122223333:distribution/E9NEWDISTREBLT\""),
                endpoint);
        for (String f : List.of("apps", "clusters", "infra")) {
            assertFalse(grep(repo.dir.resolve(f), OLD_VPC, OLD_KEY, OLD_TOKEN, "Z0123456789PUBLIC"), f + " holds an old id");
        }
        // fifteen outputs read from the status, the replica key ARN, which holds the key id, and the private
        // subnets, which hold the subnet id
        assertTrue(repo.out.contains("wrote clusters/even/aws-outputs.yaml (17 value(s))"), repo.out);
        // each certificate's validation record: its name (the token) and value, and the zone id
        assertTrue(repo.out.contains("wrote infra/aws/acm/validation-records.yaml (6 value(s))"), repo.out);
        assertTrue(repo.read("infra/aws/acm/validation-records.yaml").contains(
                "  name: _b2c3d4e5f60718293a4b5c6d7e8f90a1.internal\n"), "the internal record's token follows");
        assertEquals(0, repo.run("validate"), "the written tree validates:\n" + repo.out + repo.err);
    }

    @Test
    void refusesWhenAStatusLacksAValue() throws IOException {
        Files.writeString(rebuilt, Files.readString(rebuilt).replace("      workspaceID: ws-0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d\n", ""));
        String before = repo.snapshot();
        assertEquals(1, repo.run("infra-outputs", "even", "--from", rebuilt.toString()), repo.out + repo.err);
        assertTrue(repo.out.contains("? ampWorkspaceId: ws-5d3e2f10-8a7b-4c6d-9e0f-1a2b3c4d5e6f   # Workspace "
                + "aws-resources/docproc status.workspaceID: no status.workspaceID yet (not created?)"), repo.out);
        assertTrue(repo.out.contains("14 differ, 1 without a value, 2 equal"), repo.out);
        assertEquals(1, repo.run("infra-outputs", "even", "--from", rebuilt.toString(), "--write"), repo.out + repo.err);
        assertTrue(repo.err.contains("refused: not every output could be read from the input; nothing was changed:\n"
                + "  ampWorkspaceId: Workspace aws-resources/docproc status.workspaceID: no status.workspaceID yet"), repo.err);
        assertEquals(before, repo.snapshot(), "a refused write changed the tree");
    }

    @Test
    void namesAreNotReadAndAdoptedGroupIdsFollowTheStatus() throws IOException {
        // the replication role is adopted by its name, which RoleStatus does not hold (iam-controller
        // apis/v1alpha1/role.go); the nodes' security group by its id (SecurityGroupStatus.ID, json id)
        Files.writeString(rebuilt, Files.readString(rebuilt) + """
                  - apiVersion: iam.services.k8s.aws/v1alpha1
                    kind: Role
                    metadata:
                      name: docproc-documents-replication
                      namespace: aws-resources
                    status:
                      ackResourceMetadata:
                        arn: arn:aws:iam::111122223333:role/docproc-documents-replication
                        ownerAccountID: "111122223333"
                        region: eu-west-1
                      roleID: AROAEXAMPLEREPLICATION
                  - apiVersion: ec2.services.k8s.aws/v1alpha1
                    kind: SecurityGroup
                    metadata:
                      name: docproc-even-nodes
                      namespace: aws-resources
                    status:
                      ackResourceMetadata:
                        ownerAccountID: "111122223333"
                        region: eu-west-1
                      id: sg-0123456789abcdef0
                """);
        assertEquals(0, repo.run("infra-outputs", "even", "--from", rebuilt.toString(), "--write"), repo.out + repo.err);
        assertFalse(repo.out.contains("adoption-fields name"), repo.out);
        assertTrue(repo.read("infra/aws/clusters/even/network.yaml").contains("'{\"id\": \"sg-0123456789abcdef0\"}'"));
        assertTrue(repo.read("infra/aws/clusters/even/prometheus.yaml").contains("        - sg-0123456789abcdef0 "),
                "the collector names the group by its new id");
        assertTrue(repo.read("infra/aws/storage/replication-role.yaml").contains("\"name\": \"docproc-documents-replication\""));
    }

    @Test
    void anObjectMissingFromTheInputIsReportedPerKey() throws IOException {
        String text = Files.readString(rebuilt);
        Files.writeString(rebuilt, text.substring(0, text.indexOf("  - apiVersion: prometheusservice")));
        assertEquals(1, repo.run("infra-outputs", "even", "--from", rebuilt.toString()), repo.out + repo.err);
        assertTrue(repo.out.contains("? ampWorkspaceId: ws-5d3e2f10-8a7b-4c6d-9e0f-1a2b3c4d5e6f   # Workspace "
                + "aws-resources/docproc status.workspaceID: not in the input (declared in "
                + "infra/aws/prometheus/workspace.yaml)"), repo.out);
    }

    @Test
    void badInputNamesFileAndLine() throws IOException {
        Files.writeString(rebuilt, "apiVersion: v1\nkind: List\nitems:\n  - kind: VPC\n    metadata: {name: [\n");
        assertEquals(2, repo.run("infra-outputs", "even", "--from", rebuilt.toString()), repo.out + repo.err);
        assertTrue(repo.err.startsWith("error: " + rebuilt + ":"), repo.err);
        String text = Files.readString(Path.of("src/test/resources/infra-outputs/rebuilt.yaml"));
        int item = text.indexOf("  - apiVersion: route53");
        Files.writeString(rebuilt, text + text.substring(item, text.indexOf("  - apiVersion: route53", item + 1)));
        assertEquals(2, repo.run("infra-outputs", "even", "--from", rebuilt.toString()), repo.out + repo.err);
        assertTrue(repo.err.startsWith("error: " + rebuilt + ":"), repo.err);
        long line = 1 + text.substring(0, item).chars().filter(ch -> ch == '\n').count();
        assertTrue(repo.err.contains(": HostedZone aws-resources/docs-example-com appears twice (first at line " + line
                + ")"), repo.err);
        Files.writeString(rebuilt, text);
        assertEquals(2, repo.run("infra-outputs", "blue", "--from", rebuilt.toString()), repo.out + repo.err);
        assertTrue(repo.err.contains("cluster blue has no recorded outputs"), repo.err);
    }

    private static boolean grep(Path dir, String... needles) {
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(p);
                for (String n : needles) {
                    if (text.contains(n)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
