# Sourced by the sandbox scripts: Go caches under ~/.cache, the local toolchain only.
export GOTOOLCHAIN=local
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"
export GOMODCACHE="${KYMA_MTLS_SANDBOX_GOMODCACHE:-$HOME/.cache/kyma-mtls-sandbox/gomod}"
export GOCACHE="${KYMA_MTLS_SANDBOX_GOCACHE:-$HOME/.cache/kyma-mtls-sandbox/gobuild}"
SANDBOX_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$SANDBOX_SRC/versions.env"
