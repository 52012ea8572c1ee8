// Command xds-dump connects to istiod's plaintext xDS port as one proxy (a gateway or a sidecar),
// asks for its clusters, listeners and the routes those listeners name, and writes what istiod
// generated as one JSON document: {"clusters": [...], "listeners": [...], "routes": [...]}.
// It is how the tests read Istio's own translation of the resources the steps applied.
//
// Every private key that could appear inline (a TLS certificate's private_key) is replaced by its
// size and SHA-256, so the output can be kept in test reports. With a workload certificate from
// istiod's CA (-cert, -key, -ca) it connects to istiod's secure port, where istiod also serves the
// gateways' credentials by SDS (-secrets): {"secrets": [...]} then holds what the gateway would get.
package main

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	core "github.com/envoyproxy/go-control-plane/envoy/config/core/v3"
	listener "github.com/envoyproxy/go-control-plane/envoy/config/listener/v3"
	hcm "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/http_connection_manager/v3"
	discovery "github.com/envoyproxy/go-control-plane/envoy/service/discovery/v3"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/structpb"

	// Registers every Envoy type istiod generates, so the typed configs print as JSON.
	_ "istio.io/istio/pilot/pkg/networking/core"
)

const (
	clusterType  = "type.googleapis.com/envoy.config.cluster.v3.Cluster"
	listenerType = "type.googleapis.com/envoy.config.listener.v3.Listener"
	routeType    = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"
	secretType   = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret"
)

func main() {
	addr := flag.String("addr", "", "istiod's plaintext xDS address, host:port")
	kind := flag.String("type", "router", "router (a gateway) or sidecar")
	name := flag.String("name", "", "the proxy's pod name")
	namespace := flag.String("namespace", "", "the proxy's namespace")
	ip := flag.String("ip", "10.244.0.10", "the proxy's pod IP")
	labels := flag.String("labels", "", "the pod's labels, k=v,k=v (a gateway's selector picks them)")
	out := flag.String("out", "-", "file to write, - for stdout")
	timeout := flag.Duration("timeout", 20*time.Second, "how long to wait for istiod")
	certFile := flag.String("cert", "", "with -key and -ca: connect over TLS (istiod's secure port) as the workload this certificate names")
	keyFile := flag.String("key", "", "the workload certificate's key")
	caFile := flag.String("ca", "", "istiod's CA certificate, which signed its serving certificate")
	serverName := flag.String("server-name", "istiod.istio-system.svc", "the name istiod's serving certificate carries")
	secrets := flag.String("secrets", "", "SDS resources to ask for as well (kubernetes://<Secret>,...); only over TLS")
	flag.Parse()
	if *addr == "" || *name == "" || *namespace == "" {
		fmt.Fprintln(os.Stderr, "xds-dump: -addr, -name and -namespace are required")
		os.Exit(2)
	}
	transport := insecure.NewCredentials()
	if *certFile != "" {
		pair, err := tls.LoadX509KeyPair(*certFile, *keyFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "xds-dump: reading -cert and -key:", err)
			os.Exit(2)
		}
		pem, err := os.ReadFile(*caFile)
		roots := x509.NewCertPool()
		if err != nil || !roots.AppendCertsFromPEM(pem) {
			fmt.Fprintln(os.Stderr, "xds-dump: -ca holds no PEM certificate")
			os.Exit(2)
		}
		transport = credentials.NewTLS(&tls.Config{Certificates: []tls.Certificate{pair}, RootCAs: roots,
			ServerName: *serverName, MinVersion: tls.VersionTLS12})
	}
	var secretNames []string
	if *secrets != "" {
		secretNames = strings.Split(*secrets, ",")
	}
	dump, err := fetch(*addr, node(*kind, *name, *namespace, *ip, *labels), transport, secretNames, *timeout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "xds-dump:", err)
		os.Exit(1)
	}
	if *out == "-" {
		_, err = os.Stdout.Write(dump)
	} else {
		err = os.WriteFile(*out, dump, 0o600)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "xds-dump:", err)
		os.Exit(1)
	}
}

func node(kind, name, namespace, ip, labels string) *core.Node {
	labelMap := map[string]any{}
	for _, pair := range strings.Split(labels, ",") {
		if k, v, ok := strings.Cut(pair, "="); ok {
			labelMap[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	meta, _ := structpb.NewStruct(map[string]any{
		"ISTIO_VERSION": "1.31.0",
		"CLUSTER_ID":    "Kubernetes",
		"NAMESPACE":     namespace,
		"NAME":          name,
		"LABELS":        labelMap,
		"INSTANCE_IPS":  ip,
	})
	return &core.Node{
		Id:       fmt.Sprintf("%s~%s~%s.%s~%s.svc.cluster.local", kind, ip, name, namespace, namespace),
		Metadata: meta,
	}
}

// fetch asks for CDS and LDS, then for the RDS names the listeners use, and ACKs each answer.
func fetch(addr string, n *core.Node, transport credentials.TransportCredentials, secretNames []string,
	timeout time.Duration) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(transport),
		grpc.WithDefaultCallOptions(grpc.MaxCallRecvMsgSize(1<<30)))
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	stream, err := discovery.NewAggregatedDiscoveryServiceClient(conn).StreamAggregatedResources(ctx)
	if err != nil {
		return nil, fmt.Errorf("opening the ADS stream to %s: %w", addr, err)
	}
	got := map[string]*discovery.DiscoveryResponse{}
	ask := func(typeURL string, names []string) error {
		return stream.Send(&discovery.DiscoveryRequest{Node: n, TypeUrl: typeURL, ResourceNames: names})
	}
	receive := func(want string) (*discovery.DiscoveryResponse, error) {
		for got[want] == nil {
			response, err := stream.Recv()
			if err != nil {
				return nil, fmt.Errorf("waiting for %s: %w", want, err)
			}
			got[response.TypeUrl] = response
			if err := stream.Send(&discovery.DiscoveryRequest{Node: n, TypeUrl: response.TypeUrl,
				VersionInfo: response.VersionInfo, ResponseNonce: response.Nonce}); err != nil {
				return nil, err
			}
		}
		return got[want], nil
	}
	if err := ask(clusterType, nil); err != nil {
		return nil, err
	}
	clusters, err := receive(clusterType)
	if err != nil {
		return nil, err
	}
	if err := ask(listenerType, nil); err != nil {
		return nil, err
	}
	listeners, err := receive(listenerType)
	if err != nil {
		return nil, err
	}
	routeNames := rdsNames(listeners.Resources)
	var routes []*anypb.Any
	if len(routeNames) > 0 {
		if err := ask(routeType, routeNames); err != nil {
			return nil, err
		}
		response, err := receive(routeType)
		if err != nil {
			return nil, err
		}
		routes = response.Resources
	}
	var secretResources []*anypb.Any
	if len(secretNames) > 0 {
		if err := ask(secretType, secretNames); err != nil {
			return nil, err
		}
		response, err := receive(secretType)
		if err != nil {
			return nil, err
		}
		secretResources = response.Resources
	}
	document := map[string]any{}
	for key, resources := range map[string][]*anypb.Any{"clusters": clusters.Resources,
		"listeners": listeners.Resources, "routes": routes, "secrets": secretResources} {
		items := []any{}
		for _, resource := range resources {
			text, err := protojson.MarshalOptions{UseProtoNames: true}.Marshal(resource)
			if err != nil {
				return nil, fmt.Errorf("printing a %s: %w", resource.TypeUrl, err)
			}
			var item any
			if err := json.Unmarshal(text, &item); err != nil {
				return nil, err
			}
			items = append(items, redact(item))
		}
		document[key] = items
	}
	return json.MarshalIndent(document, "", "  ")
}

// rdsNames collects the route configurations the listeners' HTTP connection managers name.
func rdsNames(resources []*anypb.Any) []string {
	names := map[string]bool{}
	for _, resource := range resources {
		l := &listener.Listener{}
		if err := resource.UnmarshalTo(l); err != nil {
			continue
		}
		for _, chain := range l.FilterChains {
			for _, filter := range chain.Filters {
				manager := &hcm.HttpConnectionManager{}
				if filter.GetTypedConfig() == nil || filter.GetTypedConfig().UnmarshalTo(manager) != nil {
					continue
				}
				if rds := manager.GetRds(); rds != nil {
					names[rds.RouteConfigName] = true
				}
			}
		}
	}
	sorted := make([]string, 0, len(names))
	for name := range names {
		sorted = append(sorted, name)
	}
	sort.Strings(sorted)
	return sorted
}

// redact replaces the content of every private_key with its size and SHA-256.
func redact(value any) any {
	switch v := value.(type) {
	case map[string]any:
		for key, item := range v {
			if key == "private_key" {
				text, _ := json.Marshal(item)
				sum := sha256.Sum256(text)
				v[key] = map[string]any{"redacted": true, "size": len(text), "sha256": hex.EncodeToString(sum[:])}
				continue
			}
			v[key] = redact(item)
		}
	case []any:
		for i, item := range v {
			v[i] = redact(item)
		}
	}
	return value
}
