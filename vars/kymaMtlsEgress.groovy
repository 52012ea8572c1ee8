/**
 * The whole tutorial in one call: certificates, the mTLS workload on the target cluster, the egress
 * route on the client cluster and, unless lock is false, the namespace lock.
 *
 *   kymaMtlsEgress(domain: 'httpbin.example.com', client: 'client.example.com', namespace: 'mtls-demo',
 *                  targetCredentialsId: 'target-kubeconfig', clientCredentialsId: 'client-kubeconfig')
 *
 * Returns a Map with the results of each step: certs, expose, egress and (when locked) lock.
 */
def call(Map params = [:]) {
    def required = ['domain', 'client', 'namespace', 'targetCredentialsId', 'clientCredentialsId']
    def missing = required.findAll { !params[it] }
    if (missing) {
        error("kymaMtlsEgress: missing ${missing.join(', ')}; required: ${required.join(', ')}")
    }
    def known = required + ['certsDir', 'keyAlgorithm', 'days', 'org', 'caCredentialsId', 'archiveKeys', 'force',
                            'targetNamespace', 'clientNamespace', 'targetContext', 'clientContext', 'resolve',
                            'lock', 'dnsAddresses', 'blockedUrl', 'readyTimeout', 'verifyTimeout']
    def unknown = params.keySet().findAll { !(it in known) }
    if (unknown) {
        error("kymaMtlsEgress: unknown parameter ${unknown.join(', ')}; known: ${known.join(', ')}")
    }
    def certsDir = params.certsDir ?: 'mtls'
    def timeouts = [:]
    if (params.readyTimeout) { timeouts.readyTimeout = params.readyTimeout }
    if (params.verifyTimeout) { timeouts.verifyTimeout = params.verifyTimeout }

    def results = [:]
    def certsArgs = [domain: params.domain, client: params.client, certsDir: certsDir]
    ['keyAlgorithm', 'days', 'org', 'caCredentialsId', 'archiveKeys', 'force'].each {
        if (params.containsKey(it)) { certsArgs[it] = params[it] }
    }
    results.certs = kymaMtlsCerts(certsArgs)

    def exposeArgs = [credentialsId: params.targetCredentialsId, domain: params.domain,
                      namespace: params.targetNamespace ?: params.namespace, certsDir: certsDir,
                      client: params.client] + timeouts
    if (params.targetContext) { exposeArgs.context = params.targetContext }
    if (params.resolve) { exposeArgs.resolve = params.resolve }
    results.expose = kymaExposeMtls(exposeArgs)

    def clientNamespace = params.clientNamespace ?: params.namespace
    def egressArgs = [credentialsId: params.clientCredentialsId, domain: params.domain, namespace: clientNamespace,
                      certsDir: certsDir, client: params.client] + timeouts
    if (params.clientContext) { egressArgs.context = params.clientContext }
    results.egress = kymaEgressRoute(egressArgs)

    if (params.lock == null || params.lock) {
        def lockArgs = [credentialsId: params.clientCredentialsId, namespace: clientNamespace,
                        domain: params.domain] + timeouts
        if (params.clientContext) { lockArgs.context = params.clientContext }
        if (params.dnsAddresses) { lockArgs.dnsAddresses = params.dnsAddresses }
        if (params.blockedUrl) { lockArgs.blockedUrl = params.blockedUrl }
        results.lock = kymaLockEgress(lockArgs)
    }
    return results
}
