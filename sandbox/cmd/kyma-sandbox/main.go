// Command kyma-sandbox plays, in the local sandbox cluster, the parts of a Kyma cluster that no
// machine here can run: it sets the status that Kyma's Istio and API Gateway controllers would
// set, creates the egress gateway Deployment when the Istio CR enables it, and runs haproxy as
// stand-in ingress and egress gateways configured from the cluster's own objects, the way Istio
// reads Gateways, DestinationRules and their credential Secrets.
//
// It polls instead of watching: the sandbox is small, and a poll loop cannot miss an event.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/tools/clientcmd"
)

var (
	istioGVR       = schema.GroupVersionResource{Group: "operator.kyma-project.io", Version: "v1alpha2", Resource: "istios"}
	apiRuleGVR     = schema.GroupVersionResource{Group: "gateway.kyma-project.io", Version: "v2", Resource: "apirules"}
	gatewayGVR     = schema.GroupVersionResource{Group: "networking.istio.io", Version: "v1", Resource: "gateways"}
	destRuleGVR    = schema.GroupVersionResource{Group: "networking.istio.io", Version: "v1", Resource: "destinationrules"}
	virtualSvcGVR  = schema.GroupVersionResource{Group: "networking.istio.io", Version: "v1", Resource: "virtualservices"}
	deploymentGVR  = schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"}
	serviceGVR     = schema.GroupVersionResource{Version: "v1", Resource: "services"}
	secretGVR      = schema.GroupVersionResource{Version: "v1", Resource: "secrets"}
	podGVR         = schema.GroupVersionResource{Version: "v1", Resource: "pods"}
	kwokLogsGVR    = schema.GroupVersionResource{Group: "kwok.x-k8s.io", Version: "v1alpha1", Resource: "logs"}
	istioNamespace = "istio-system"
	kymaNamespace  = "kyma-system"
)

const egressGateway = "istio-egressgateway"

type options struct {
	kubeconfig     string
	dir            string
	ingressAddress string
	ingressPort    int
	egressAddress  string
	egressPort     int
	echoPort       int
	haproxy        string
	interval       time.Duration
}

func main() {
	var o options
	flag.StringVar(&o.kubeconfig, "kubeconfig", "", "kubeconfig of the sandbox cluster")
	flag.StringVar(&o.dir, "dir", "", "folder for the stand-ins' configuration, credentials and logs")
	flag.StringVar(&o.ingressAddress, "ingress-address", "127.0.0.1", "loopback address of the stand-in ingress gateway")
	flag.IntVar(&o.ingressPort, "ingress-port", 443, "port of the stand-in ingress gateway")
	flag.StringVar(&o.egressAddress, "egress-address", "127.0.0.1", "loopback address of the stand-in egress gateway")
	flag.IntVar(&o.egressPort, "egress-port", 0, "port of the stand-in egress gateway (the curl pods' HTTP proxy)")
	flag.IntVar(&o.echoPort, "echo-port", 0, "port of the stand-in workload that echoes request headers")
	flag.StringVar(&o.haproxy, "haproxy", "haproxy", "haproxy binary")
	flag.DurationVar(&o.interval, "interval", 500*time.Millisecond, "how often to reconcile")
	flag.Parse()
	if o.kubeconfig == "" || o.dir == "" || o.egressPort == 0 || o.echoPort == 0 {
		log.Fatal("kyma-sandbox: --kubeconfig, --dir, --egress-port and --echo-port are required")
	}
	config, err := clientcmd.BuildConfigFromFlags("", o.kubeconfig)
	if err != nil {
		log.Fatalf("kyma-sandbox: %v", err)
	}
	config.UserAgent = "kyma-sandbox"
	client, err := dynamic.NewForConfig(config)
	if err != nil {
		log.Fatalf("kyma-sandbox: %v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	r := &reconciler{o: o, client: client,
		ingress: &standIn{name: "ingressgateway", dir: filepath.Join(o.dir, "ingressgateway"), haproxy: o.haproxy},
		egress:  &standIn{name: "egressgateway", dir: filepath.Join(o.dir, "egressgateway"), haproxy: o.haproxy}}
	defer r.ingress.stop()
	defer r.egress.stop()
	go r.gatewayLogs(ctx)
	log.Printf("kyma-sandbox: reconciling every %s", o.interval)
	for {
		if err := r.reconcile(ctx); err != nil && ctx.Err() == nil {
			log.Printf("kyma-sandbox: %v", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(o.interval):
		}
	}
}

type reconciler struct {
	o       options
	client  dynamic.Interface
	ingress *standIn
	egress  *standIn
}

func (r *reconciler) reconcile(ctx context.Context) error {
	egressOn, err := r.istio(ctx)
	if err != nil {
		return fmt.Errorf("istio: %w", err)
	}
	if err := r.apiRules(ctx); err != nil {
		return fmt.Errorf("apirules: %w", err)
	}
	if err := r.ingressGateway(ctx); err != nil {
		return fmt.Errorf("ingress gateway: %w", err)
	}
	if err := r.egressGateway(ctx, egressOn); err != nil {
		return fmt.Errorf("egress gateway: %w", err)
	}
	return nil
}

// istio plays Kyma's Istio controller for the oldest Istio CR in kyma-system: the egress gateway
// Deployment exists exactly when the CR enables it, and the CR is Processing until the Deployment
// is available, Ready after. Returns whether the egress gateway is enabled.
func (r *reconciler) istio(ctx context.Context) (bool, error) {
	list, err := r.client.Resource(istioGVR).Namespace(kymaNamespace).List(ctx, metav1.ListOptions{})
	if err != nil {
		return false, err
	}
	if len(list.Items) == 0 {
		return false, nil
	}
	items := list.Items
	sort.Slice(items, func(i, j int) bool {
		return items[i].GetCreationTimestamp().Time.Before(items[j].GetCreationTimestamp().Time)
	})
	istio := &items[0]
	enabled, _, _ := unstructured.NestedBool(istio.Object, "spec", "components", "egressGateway", "enabled")
	deployments := r.client.Resource(deploymentGVR).Namespace(istioNamespace)
	existing, err := deployments.Get(ctx, egressGateway, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		existing = nil
	} else if err != nil {
		return false, err
	}
	state, description := "Ready", "Istio is installed"
	switch {
	case enabled && existing == nil:
		// The gateway listens before its Deployment exists, so a Ready egress gateway answers, as
		// Envoy's readiness probe passes only once it serves its listeners.
		if err := r.egressGateway(ctx, true); err != nil {
			return false, err
		}
		if _, err := deployments.Create(ctx, gatewayDeployment(egressGateway, "egressgateway"), metav1.CreateOptions{}); err != nil {
			return false, err
		}
		state, description = "Processing", "installing the egress gateway"
	case enabled && !available(existing):
		state, description = "Processing", "waiting for the egress gateway"
	case !enabled && existing != nil:
		if err := deployments.Delete(ctx, egressGateway, metav1.DeleteOptions{}); err != nil && !apierrors.IsNotFound(err) {
			return false, err
		}
	}
	return enabled, r.setState(ctx, istioGVR, istio, state, description)
}

// apiRuleFinalizer is the one Kyma's API Gateway controller puts on every APIRule: a deleted
// APIRule stays until the controller has removed what it made for it.
const apiRuleFinalizer = "gateway.kyma-project.io/subresources"

// apiRules plays Kyma's API Gateway controller: it holds each APIRule with its finalizer and lets a
// deleted one go one round later; an APIRule is Ready when its Service and its Gateway exist, Error
// with the reason otherwise.
func (r *reconciler) apiRules(ctx context.Context) error {
	list, err := r.client.Resource(apiRuleGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		if apierrors.IsNotFound(err) {
			return nil
		}
		return err
	}
	for i := range list.Items {
		rule := &list.Items[i]
		if rule.GetDeletionTimestamp() != nil {
			// As Kyma's controller: what it made for the APIRule goes before the finalizer does.
			err := r.client.Resource(virtualSvcGVR).Namespace(rule.GetNamespace()).Delete(ctx,
				apiRuleVirtualServiceName(rule), metav1.DeleteOptions{})
			if err != nil && !apierrors.IsNotFound(err) {
				return err
			}
		}
		if held, err := r.holdAPIRule(ctx, rule); err != nil || !held {
			continue // released, gone, or changed meanwhile: the next round sees it as it is
		}
		state, description := "Ready", "Reconciled"
		service, _, _ := unstructured.NestedString(rule.Object, "spec", "service", "name")
		serviceNamespace, _, _ := unstructured.NestedString(rule.Object, "spec", "service", "namespace")
		if serviceNamespace == "" {
			serviceNamespace = rule.GetNamespace()
		}
		gateway, _, _ := unstructured.NestedString(rule.Object, "spec", "gateway")
		if _, err := r.client.Resource(serviceGVR).Namespace(serviceNamespace).Get(ctx, service, metav1.GetOptions{}); err != nil {
			state, description = "Error", fmt.Sprintf("Validation error: service %s/%s: %v", serviceNamespace, service, err)
		} else if ns, name, ok := strings.Cut(gateway, "/"); !ok {
			state, description = "Error", "Validation error: gateway must be namespace/name, got "+gateway
		} else if _, err := r.client.Resource(gatewayGVR).Namespace(ns).Get(ctx, name, metav1.GetOptions{}); err != nil {
			state, description = "Error", fmt.Sprintf("Validation error: gateway %s: %v", gateway, err)
		}
		if state == "Ready" {
			if err := r.apiRuleVirtualService(ctx, rule, service, serviceNamespace, gateway); err != nil {
				state, description = "Error", "VirtualService: "+err.Error()
			}
		}
		if err := r.setState(ctx, apiRuleGVR, rule, state, description); err != nil {
			return err
		}
	}
	return nil
}

// apiRuleVirtualServiceName is deterministic here; Kyma's controller names it with generateName
// (the APIRule's name and a random suffix) and finds it again by its label.
func apiRuleVirtualServiceName(rule *unstructured.Unstructured) string {
	return rule.GetName() + "-apirule"
}

// apiRuleVirtualService applies the VirtualService Kyma's API Gateway controller makes of an APIRule
// v2 (kyma-project/api-gateway internal/processing/processors/v2alpha1/virtualservice/
// virtual_service_processor.go l.140-190): the APIRule's hosts on its gateway, one HTTP route per
// rule (uri prefix "/" for a rule on all paths, else its path as a regex; its methods as a regex),
// sent to the APIRule's service with a 180 s timeout and x-forwarded-host set to the first host,
// labelled with the APIRule's name and namespace (internal/processing/label.go).
func (r *reconciler) apiRuleVirtualService(ctx context.Context, rule *unstructured.Unstructured, service,
	serviceNamespace, gateway string) error {
	hosts, _, _ := unstructured.NestedStringSlice(rule.Object, "spec", "hosts")
	if len(hosts) == 0 {
		return fmt.Errorf("the APIRule names no host")
	}
	port, _, _ := unstructured.NestedInt64(rule.Object, "spec", "service", "port")
	rules, _, _ := unstructured.NestedSlice(rule.Object, "spec", "rules")
	destination := fmt.Sprintf("%s.%s.svc.cluster.local", service, serviceNamespace)
	var http []interface{}
	for _, item := range rules {
		entry, _ := item.(map[string]interface{})
		path, _, _ := unstructured.NestedString(entry, "path")
		methods, _, _ := unstructured.NestedStringSlice(entry, "methods")
		uri := map[string]interface{}{"prefix": "/"}
		if path != "/*" && path != "/{**}" {
			uri = map[string]interface{}{"regex": "^" + strings.NewReplacer("{**}", ".*", "{*}", "[^/]+", "*", ".*").Replace(path) + "$"}
		}
		match := map[string]interface{}{"uri": uri}
		if len(methods) > 0 {
			match["method"] = map[string]interface{}{"regex": "^(" + strings.Join(methods, "|") + ")$"}
		}
		http = append(http, map[string]interface{}{
			"match": []interface{}{match},
			"route": []interface{}{map[string]interface{}{"destination": map[string]interface{}{
				"host": destination, "port": map[string]interface{}{"number": port}}}},
			"timeout": "180s",
			"headers": map[string]interface{}{"request": map[string]interface{}{"set": map[string]interface{}{
				"x-forwarded-host": hosts[0]}}},
		})
	}
	hostList := make([]interface{}, 0, len(hosts))
	for _, host := range hosts {
		hostList = append(hostList, host)
	}
	vs := &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "networking.istio.io/v1",
		"kind":       "VirtualService",
		"metadata": map[string]interface{}{
			"name":      apiRuleVirtualServiceName(rule),
			"namespace": rule.GetNamespace(),
			"labels": map[string]interface{}{
				"apirule.gateway.kyma-project.io/name":      rule.GetName(),
				"apirule.gateway.kyma-project.io/namespace": rule.GetNamespace(),
			},
		},
		"spec": map[string]interface{}{"gateways": []interface{}{gateway}, "hosts": hostList, "http": http},
	}}
	_, err := r.client.Resource(virtualSvcGVR).Namespace(rule.GetNamespace()).Apply(ctx, vs.GetName(), vs,
		metav1.ApplyOptions{FieldManager: "kyma-sandbox-api-gateway", Force: true})
	return err
}

// holdAPIRule adds the finalizer to a live APIRule and removes it from a deleted one; it answers
// whether the APIRule is live and holds the finalizer now.
func (r *reconciler) holdAPIRule(ctx context.Context, rule *unstructured.Unstructured) (bool, error) {
	finalizers := rule.GetFinalizers()
	has := false
	var others []string
	for _, f := range finalizers {
		if f == apiRuleFinalizer {
			has = true
		} else {
			others = append(others, f)
		}
	}
	deleting := rule.GetDeletionTimestamp() != nil
	if deleting == !has {
		return !deleting, nil
	}
	if deleting {
		rule.SetFinalizers(others)
	} else {
		rule.SetFinalizers(append(finalizers, apiRuleFinalizer))
	}
	updated, err := r.client.Resource(apiRuleGVR).Namespace(rule.GetNamespace()).Update(ctx, rule, metav1.UpdateOptions{})
	if apierrors.IsConflict(err) || apierrors.IsNotFound(err) {
		return false, nil
	}
	if err != nil || deleting {
		return false, err
	}
	*rule = *updated
	return true, nil
}

func (r *reconciler) setState(ctx context.Context, gvr schema.GroupVersionResource, obj *unstructured.Unstructured, state, description string) error {
	current, _, _ := unstructured.NestedString(obj.Object, "status", "state")
	currentDescription, _, _ := unstructured.NestedString(obj.Object, "status", "description")
	if current == state && currentDescription == description {
		return nil
	}
	status := map[string]interface{}{"state": state, "description": description}
	if gvr == apiRuleGVR {
		status["lastProcessedTime"] = time.Now().UTC().Format(time.RFC3339)
	}
	obj.Object["status"] = status
	_, err := r.client.Resource(gvr).Namespace(obj.GetNamespace()).UpdateStatus(ctx, obj, metav1.UpdateOptions{})
	if apierrors.IsConflict(err) || apierrors.IsNotFound(err) {
		return nil // changed meanwhile; the next round sees the new object
	}
	return err
}

// ingressGateway configures the stand-in ingress gateway like Istio's MUTUAL gateway: for every
// host of a Gateway selecting istio=ingressgateway whose server has tls.mode MUTUAL and whose
// credential Secret in istio-system holds cacert, cert and key, and that a Ready APIRule exposes,
// TLS with that certificate, a client certificate from that CA required in the handshake, and
// the request passed to the echo workload with X-Forwarded-Client-Cert set as Envoy sets it.
func (r *reconciler) ingressGateway(ctx context.Context) error {
	exposed, err := r.exposedHosts(ctx)
	if err != nil {
		return err
	}
	gateways, err := r.client.Resource(gatewayGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	type route struct{ host, pem, ca string }
	var routes []route
	files := map[string]string{}
	for _, gw := range gateways.Items {
		selector, _, _ := unstructured.NestedStringMap(gw.Object, "spec", "selector")
		if selector["istio"] != "ingressgateway" {
			continue
		}
		servers, _, _ := unstructured.NestedSlice(gw.Object, "spec", "servers")
		for _, s := range servers {
			server, _ := s.(map[string]interface{})
			mode, _, _ := unstructured.NestedString(server, "tls", "mode")
			credential, _, _ := unstructured.NestedString(server, "tls", "credentialName")
			hosts, _, _ := unstructured.NestedStringSlice(server, "hosts")
			if mode != "MUTUAL" || credential == "" {
				continue
			}
			data, err := r.secretData(ctx, credential, "cacert", "cert", "key")
			if err != nil || data == nil {
				if err != nil {
					return err
				}
				continue
			}
			for _, host := range hosts {
				if !exposed[gw.GetNamespace()+"/"+gw.GetName()+"|"+host] {
					continue
				}
				name := safeName(host)
				files[name+".pem"] = data["cert"] + "\n" + data["key"] + "\n"
				files[name+"-ca.pem"] = data["cacert"] + "\n"
				routes = append(routes, route{host: host,
					pem: filepath.Join(r.ingress.dir, name+".pem"), ca: filepath.Join(r.ingress.dir, name+"-ca.pem")})
			}
		}
	}
	// The workload: echoes the request headers as httpbin's /headers does, JSON-escaped.
	echo := fmt.Sprintf(`frontend workload
  bind 127.0.0.1:%d
  http-request return status 200 content-type application/json lf-string "{\"headers\":{\"Host\":[\"%%[req.fhdr(host),json(utf8s)]\"],\"X-Forwarded-Client-Cert\":[\"%%[req.fhdr(x-forwarded-client-cert),json(utf8s)]\"]}}" if { path /headers }
  http-request return status 404
`, r.o.echoPort)
	if len(routes) == 0 {
		return r.ingress.apply(files, globalConfig()+echo, fmt.Sprintf("127.0.0.1:%d", r.o.echoPort))
	}
	sort.Slice(routes, func(i, j int) bool { return routes[i].host < routes[j].host })
	var crtList strings.Builder
	for _, rt := range routes {
		fmt.Fprintf(&crtList, "%s [ca-file %s verify required] %s\n", rt.pem, rt.ca, rt.host)
	}
	files["crt-list"] = crtList.String()
	config := globalConfig() + echo + fmt.Sprintf(`frontend ingressgateway
  bind %s:%d ssl crt-list %s strict-sni
  log-format "%s%%ci \"%%HM %%HU\" %%ST inbound|443||%%[ssl_fc_sni] client=%%[ssl_c_s_dn(,0,rfc2253)]"
  http-request set-header X-Forwarded-Client-Cert "Hash=%%[ssl_c_der,sha2(256),hex,lower];Subject=\"%%[ssl_c_s_dn(,0,rfc2253)]\""
  default_backend workload
backend workload
  server echo 127.0.0.1:%d
`, r.o.ingressAddress, r.o.ingressPort, filepath.Join(r.ingress.dir, "crt-list"), criPrefix, r.o.echoPort)
	return r.ingress.apply(files, config, fmt.Sprintf("%s:%d", r.o.ingressAddress, r.o.ingressPort))
}

// exposedHosts: "gatewayNamespace/gatewayName|host" for every Ready APIRule.
func (r *reconciler) exposedHosts(ctx context.Context) (map[string]bool, error) {
	exposed := map[string]bool{}
	list, err := r.client.Resource(apiRuleGVR).List(ctx, metav1.ListOptions{})
	if apierrors.IsNotFound(err) {
		return exposed, nil
	} else if err != nil {
		return nil, err
	}
	for _, rule := range list.Items {
		state, _, _ := unstructured.NestedString(rule.Object, "status", "state")
		gateway, _, _ := unstructured.NestedString(rule.Object, "spec", "gateway")
		hosts, _, _ := unstructured.NestedStringSlice(rule.Object, "spec", "hosts")
		if state != "Ready" {
			continue
		}
		for _, host := range hosts {
			exposed[gateway+"|"+host] = true
		}
	}
	return exposed, nil
}

// egressGateway configures the stand-in egress gateway, which the curl pods use as their HTTP
// proxy (the sidecar's interception): a plain HTTP request for a host is sent on as mTLS when a
// VirtualService routes that host from the mesh to the egress gateway and a DestinationRule
// originates MUTUAL TLS for it with a credential Secret in istio-system holding tls.crt, tls.key
// and ca.crt; the access log line then carries Istio's cluster name outbound|443||<host>. Other
// hosts get 502, as from a gateway without a route. Nothing listens while the gateway is off.
func (r *reconciler) egressGateway(ctx context.Context, enabled bool) error {
	if !enabled {
		r.egress.stop()
		return nil
	}
	routed := map[string]bool{}
	services, err := r.client.Resource(virtualSvcGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	for _, vs := range services.Items {
		hosts, _, _ := unstructured.NestedStringSlice(vs.Object, "spec", "hosts")
		http, _, _ := unstructured.NestedSlice(vs.Object, "spec", "http")
		for _, h := range http {
			routes, _, _ := unstructured.NestedSlice(h.(map[string]interface{}), "route")
			for _, rt := range routes {
				host, _, _ := unstructured.NestedString(rt.(map[string]interface{}), "destination", "host")
				if strings.HasPrefix(host, egressGateway+"."+istioNamespace) {
					for _, vh := range hosts {
						routed[vh] = true
					}
				}
			}
		}
	}
	rules, err := r.client.Resource(destRuleGVR).List(ctx, metav1.ListOptions{})
	if err != nil {
		return err
	}
	files := map[string]string{}
	var frontend, routes, backends strings.Builder
	hosts := []string{}
	for _, dr := range rules.Items {
		host, _, _ := unstructured.NestedString(dr.Object, "spec", "host")
		settings, _, _ := unstructured.NestedSlice(dr.Object, "spec", "trafficPolicy", "portLevelSettings")
		for _, s := range settings {
			setting := s.(map[string]interface{})
			port, _, _ := unstructured.NestedInt64(setting, "port", "number")
			mode, _, _ := unstructured.NestedString(setting, "tls", "mode")
			credential, _, _ := unstructured.NestedString(setting, "tls", "credentialName")
			sni, _, _ := unstructured.NestedString(setting, "tls", "sni")
			// Envoy (istiod's UpstreamTlsContext) checks the server's certificate against
			// subjectAltNames, and with none trusts any certificate from the CA. haproxy checks it
			// against the SNI whenever it sends one, so this stand-in is the stricter of the two when a
			// rule has no subjectAltNames; the tests compare it with istiod's xDS for our rules.
			altNames, _, _ := unstructured.NestedStringSlice(setting, "tls", "subjectAltNames")
			if port != 443 || mode != "MUTUAL" || credential == "" || !routed[host] {
				continue
			}
			data, err := r.secretData(ctx, credential, "tls.crt", "tls.key", "ca.crt")
			if err != nil {
				return err
			}
			if data == nil {
				continue
			}
			if sni == "" {
				sni = host
			}
			name := safeName(host)
			files[name+".pem"] = data["tls.crt"] + "\n" + data["tls.key"] + "\n"
			files[name+"-ca.pem"] = data["ca.crt"] + "\n"
			hosts = append(hosts, host)
			fmt.Fprintf(&frontend, "  http-request set-var(txn.cluster) str(outbound|443||%s) if { req.hdr(host),field(1,:) -i %s }\n", host, host)
			fmt.Fprintf(&routes, "  use_backend %s if { var(txn.cluster) -m str outbound|443||%s }\n", name, host)
			// The host resolves to the ingress gateway, as its DNS name does in the sandbox.
			verifyHost := ""
			if len(altNames) > 0 {
				verifyHost = " verifyhost " + altNames[0]
			}
			fmt.Fprintf(&backends, "backend %s\n  server upstream %s:%d ssl crt %s ca-file %s verify required sni str(%s)%s\n",
				name, r.o.ingressAddress, r.o.ingressPort, filepath.Join(r.egress.dir, name+".pem"),
				filepath.Join(r.egress.dir, name+"-ca.pem"), sni, verifyHost)
		}
	}
	config := globalConfig() + fmt.Sprintf(`frontend egressgateway
  bind %s:%d
  log-format "%s\"%%HM %%HU\" %%ST \"%%[var(txn.request_id)]\" %%[var(txn.cluster)] upstream=%%b"
  http-request set-var(txn.request_id) req.fhdr(x-request-id)
%s  http-request return status 502 content-type text/plain string "no healthy upstream" unless { var(txn.cluster) -m found }
%s%s`, r.o.egressAddress, r.o.egressPort, criPrefix, frontend.String(), routes.String(), backends.String())
	return r.egress.apply(files, config, fmt.Sprintf("%s:%d", r.o.egressAddress, r.o.egressPort))
}

// gatewayLogs gives every gateway pod its stand-in's access log as the istio-proxy container's
// log (kwok Logs objects, one per pod) the moment the pod appears, as a started container's log is
// readable at once: it watches the gateway pods instead of waiting for a reconcile round.
func (r *reconciler) gatewayLogs(ctx context.Context) {
	standIns := map[string]*standIn{r.ingress.name: r.ingress, r.egress.name: r.egress}
	for ctx.Err() == nil {
		w, err := r.client.Resource(podGVR).Namespace(istioNamespace).Watch(ctx, metav1.ListOptions{
			LabelSelector: "istio in (" + r.ingress.name + "," + r.egress.name + ")"})
		if err != nil {
			log.Printf("kyma-sandbox: watching the gateway pods: %v", err)
			time.Sleep(time.Second)
			continue
		}
		for event := range w.ResultChan() {
			pod, ok := event.Object.(*unstructured.Unstructured)
			if event.Type != watch.Added || !ok {
				continue
			}
			standIn := standIns[pod.GetLabels()["istio"]]
			logs := &unstructured.Unstructured{Object: map[string]interface{}{
				"apiVersion": "kwok.x-k8s.io/v1alpha1", "kind": "Logs",
				"metadata": map[string]interface{}{"name": pod.GetName(), "namespace": istioNamespace},
				"spec": map[string]interface{}{"logs": []interface{}{map[string]interface{}{
					"containers": []interface{}{"istio-proxy"}, "logsFile": standIn.logFile(), "follow": false}}},
			}}
			_, err := r.client.Resource(kwokLogsGVR).Namespace(istioNamespace).Create(ctx, logs, metav1.CreateOptions{})
			if err != nil && !apierrors.IsAlreadyExists(err) && ctx.Err() == nil {
				log.Printf("kyma-sandbox: logs of pod %s: %v", pod.GetName(), err)
			}
		}
		w.Stop()
	}
}

// secretData reads PEM entries from a Secret in istio-system; nil when it or an entry is missing.
func (r *reconciler) secretData(ctx context.Context, name string, keys ...string) (map[string]string, error) {
	secret, err := r.client.Resource(secretGVR).Namespace(istioNamespace).Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	data := map[string]string{}
	for _, key := range keys {
		encoded, _, _ := unstructured.NestedString(secret.Object, "data", key)
		decoded, err := decodeBase64(encoded)
		if err != nil || len(decoded) == 0 {
			return nil, nil
		}
		data[key] = strings.TrimSpace(decoded)
	}
	return data, nil
}

func decodeBase64(encoded string) (string, error) {
	decoded, err := base64.StdEncoding.DecodeString(encoded)
	return string(decoded), err
}

// criPrefix starts every access log line as a container runtime writes it (time, stream, tag), the
// format kwok, like the kubelet, reads pod logs in.
const criPrefix = `%[date,utime(%Y-%m-%dT%H:%M:%SZ)] stdout F `

func globalConfig() string {
	return `global
  log stdout format raw local0
defaults
  mode http
  log global
  timeout connect 5s
  timeout client 15s
  timeout server 15s
`
}

func gatewayDeployment(name, istioLabel string) *unstructured.Unstructured {
	labels := map[string]interface{}{"app": name, "istio": istioLabel}
	return &unstructured.Unstructured{Object: map[string]interface{}{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": map[string]interface{}{"name": name, "namespace": istioNamespace, "labels": labels},
		"spec": map[string]interface{}{
			"replicas": int64(1),
			"selector": map[string]interface{}{"matchLabels": labels},
			"template": map[string]interface{}{
				"metadata": map[string]interface{}{"labels": labels},
				"spec": map[string]interface{}{"containers": []interface{}{map[string]interface{}{
					"name": "istio-proxy", "image": "istio/proxyv2:sandbox"}}},
			},
		},
	}}
}

func available(deployment *unstructured.Unstructured) bool {
	conditions, _, _ := unstructured.NestedSlice(deployment.Object, "status", "conditions")
	for _, c := range conditions {
		condition, _ := c.(map[string]interface{})
		if condition["type"] == "Available" && condition["status"] == "True" {
			return true
		}
	}
	return false
}

func safeName(host string) string {
	return strings.NewReplacer("*", "wildcard", ":", "_").Replace(host)
}

// standIn is one haproxy process whose configuration is rewritten and restarted when it changes.
type standIn struct {
	name    string
	dir     string
	haproxy string
	running *exec.Cmd
	exited  chan struct{}
	applied string
}

func (s *standIn) logFile() string { return filepath.Join(s.dir, "access.log") }

// apply writes the configuration and (re)starts haproxy with it when it changed; it returns once
// listen (address:port) accepts connections, so what the reconciler reports next is served.
func (s *standIn) apply(files map[string]string, config string, listen string) error {
	digest := sha256.New()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		digest.Write([]byte(name + "\x00" + files[name] + "\x00"))
	}
	digest.Write([]byte(config))
	sum := hex.EncodeToString(digest.Sum(nil))
	if sum == s.applied && s.alive() {
		return nil
	}
	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		return err
	}
	// Keys: owner-only, as Istio keeps them in memory only.
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(s.dir, name), []byte(files[name]), 0o600); err != nil {
			return err
		}
	}
	cfg := filepath.Join(s.dir, "haproxy.cfg")
	if err := os.WriteFile(cfg, []byte(config), 0o600); err != nil {
		return err
	}
	check := exec.Command(s.haproxy, "-c", "-f", cfg)
	if out, err := check.CombinedOutput(); err != nil {
		return fmt.Errorf("%s configuration refused: %v: %s", s.name, err, out)
	}
	logFile, err := os.OpenFile(s.logFile(), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer logFile.Close()
	messages, err := os.OpenFile(filepath.Join(s.dir, "haproxy.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	defer messages.Close()
	// Access log lines (log stdout) are the pod's log; haproxy's own messages go elsewhere.
	args := []string{"-db", "-f", cfg}
	previous, previousExited := s.running, s.exited
	if s.alive() {
		// As Envoy takes new configuration without closing its listeners: the new haproxy binds
		// beside the running one (SO_REUSEPORT), then tells it to finish its connections and go
		// (-sf), so the gateway's port is never closed during a reload.
		args = append(args, "-sf", strconv.Itoa(previous.Process.Pid))
	} else {
		s.stop()
		previous = nil
	}
	cmd := exec.Command(s.haproxy, args...)
	cmd.Stdout = logFile
	cmd.Stderr = messages
	if err := cmd.Start(); err != nil {
		return err
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	if previous != nil {
		go func() {
			select {
			case <-previousExited:
			case <-time.After(20 * time.Second):
				_ = previous.Process.Kill()
			}
		}()
	}
	s.running, s.exited = cmd, exited
	s.applied = sum
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		if conn, err := net.DialTimeout("tcp", listen, 200*time.Millisecond); err == nil {
			conn.Close()
			break
		}
		if !s.alive() {
			return fmt.Errorf("%s exited right after its start; see %s", s.name, filepath.Join(s.dir, "haproxy.log"))
		}
		time.Sleep(20 * time.Millisecond)
	}
	log.Printf("kyma-sandbox: %s (re)started with configuration %s", s.name, sum[:12])
	return nil
}

func (s *standIn) alive() bool {
	if s.running == nil {
		return false
	}
	select {
	case <-s.exited:
		return false
	default:
		return true
	}
}

func (s *standIn) stop() {
	if s.running == nil {
		return
	}
	_ = s.running.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
		_ = s.running.Process.Kill()
		<-s.exited
	}
	s.running = nil
	s.applied = ""
}
