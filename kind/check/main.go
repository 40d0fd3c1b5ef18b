// Command check reads kind cluster configs with kind's own v1alpha4 types, strictly (an unknown or
// misspelt field is an error), and checks what ./gitops cluster relies on: the cluster is named
// docproc-<file name>, has one control plane and workers in three distinct zones, and valid subnets.
//
// Usage: go run . ../even.yaml ../odd.yaml
package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sigs.k8s.io/kind/pkg/apis/config/v1alpha4"
	"sigs.k8s.io/yaml"
)

const zoneLabel = "topology.kubernetes.io/zone"

func check(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		return []string{err.Error()}
	}
	var c v1alpha4.Cluster
	if err := yaml.UnmarshalStrict(data, &c); err != nil {
		return []string{"not a valid kind config: " + err.Error()}
	}
	var problems []string
	if c.Kind != "Cluster" || c.APIVersion != "kind.x-k8s.io/v1alpha4" {
		problems = append(problems, fmt.Sprintf("kind/apiVersion must be Cluster/kind.x-k8s.io/v1alpha4, got %s/%s", c.Kind, c.APIVersion))
	}
	want := "docproc-" + strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if c.Name != want {
		problems = append(problems, fmt.Sprintf("name must be %q, got %q", want, c.Name))
	}
	controlPlanes := 0
	zones := map[string]bool{}
	for i, n := range c.Nodes {
		switch n.Role {
		case v1alpha4.ControlPlaneRole:
			controlPlanes++
		case v1alpha4.WorkerRole:
			z := n.Labels[zoneLabel]
			if z == "" {
				problems = append(problems, fmt.Sprintf("nodes[%d]: worker without a %s label", i, zoneLabel))
			}
			zones[z] = true
		default:
			problems = append(problems, fmt.Sprintf("nodes[%d]: unknown role %q", i, n.Role))
		}
	}
	if controlPlanes != 1 {
		problems = append(problems, fmt.Sprintf("want exactly one control-plane node, got %d", controlPlanes))
	}
	delete(zones, "")
	if len(zones) < 3 {
		problems = append(problems, fmt.Sprintf("workers must span 3 zones, got %d", len(zones)))
	}
	for field, cidr := range map[string]string{"podSubnet": c.Networking.PodSubnet, "serviceSubnet": c.Networking.ServiceSubnet} {
		if _, _, err := net.ParseCIDR(cidr); err != nil {
			problems = append(problems, fmt.Sprintf("networking.%s %q is not a CIDR", field, cidr))
		}
	}
	if len(problems) == 0 {
		names := make([]string, 0, len(zones))
		for z := range zones {
			names = append(names, z)
		}
		sort.Strings(names)
		fmt.Printf("%s: ok (%s: 1 control plane, workers in %s)\n", path, c.Name, strings.Join(names, ", "))
	}
	return problems
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: check KIND-CONFIG...")
		os.Exit(2)
	}
	failed := false
	subnets := map[string]string{}
	for _, path := range os.Args[1:] {
		for _, p := range check(path) {
			fmt.Fprintf(os.Stderr, "%s: %s\n", path, p)
			failed = true
		}
		var c v1alpha4.Cluster
		if data, err := os.ReadFile(path); err == nil && yaml.Unmarshal(data, &c) == nil && c.Networking.PodSubnet != "" {
			if other, dup := subnets[c.Networking.PodSubnet]; dup {
				fmt.Fprintf(os.Stderr, "%s: podSubnet %s is also used by %s (both clusters may run at once)\n", path, c.Networking.PodSubnet, other)
				failed = true
			}
			subnets[c.Networking.PodSubnet] = path
		}
	}
	if failed {
		os.Exit(1)
	}
}
