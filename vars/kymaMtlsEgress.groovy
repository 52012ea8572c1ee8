import io.jenkins.plugins.kymamtls.library.EgressFlow

/**
 * The whole tutorial in one call: certificates, the mTLS workload on the target cluster, the egress
 * route on the client cluster and, unless lock is false, the namespace lock.
 *
 *   kymaMtlsEgress(domain: 'httpbin.example.com', client: 'client.example.com', namespace: 'mtls-demo',
 *                  targetCredentialsId: 'target-kubeconfig', clientCredentialsId: 'client-kubeconfig')
 *
 * Returns a Map with the results of each step: certs, expose, egress and (when locked) lock.
 * Calls steps only, so it runs as a trusted, untrusted or folder library alike.
 */
def call(Map params = [:]) {
    // The steps' own checks of every parameter, before the first step changes anything.
    String problem = kymaMtlsEgressCheck(parameters: params)
    if (problem) {
        error(problem)
    }
    def results = [:]
    results.certs = kymaMtlsCerts(EgressFlow.certs(params))
    results.expose = kymaExposeMtls(EgressFlow.expose(params))
    results.egress = kymaEgressRoute(EgressFlow.egress(params))
    if (EgressFlow.locks(params)) {
        results.lock = kymaLockEgress(EgressFlow.lock(params))
    }
    return results
}
