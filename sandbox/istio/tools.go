//go:build tools

// Package tools pins the Istio control plane the sandbox runs: istiod (pilot-discovery) and istioctl.
package tools

import (
	_ "istio.io/istio/istioctl/cmd/istioctl"
	_ "istio.io/istio/pilot/cmd/pilot-discovery"
)
