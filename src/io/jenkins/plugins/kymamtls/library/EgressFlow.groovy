package io.jenkins.plugins.kymamtls.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * The parameters of vars/kymaMtlsEgress, turned into the arguments of the four steps. Plain data
 * work only, outside the CPS transformation; the var calls the steps.
 */
class EgressFlow implements Serializable {

    static final List<String> REQUIRED = ['domain', 'client', 'namespace', 'targetCredentialsId', 'clientCredentialsId']
    static final List<String> OPTIONAL = ['certsDir', 'keyAlgorithm', 'days', 'org', 'caCredentialsId', 'archiveKeys',
                                          'force', 'targetNamespace', 'clientNamespace', 'targetContext',
                                          'clientContext', 'resolve', 'lock', 'dnsAddresses', 'blockedUrl',
                                          'readyTimeout', 'verifyTimeout']
    private static final List<String> CERTS_OPTIONS = ['keyAlgorithm', 'days', 'org', 'caCredentialsId', 'archiveKeys',
                                                       'force']

    /** Null when the parameters are usable, otherwise the one-line reason. */
    @NonCPS
    static String problem(Map params) {
        List<String> missing = REQUIRED.findAll { !params[it] }
        if (missing) {
            return "kymaMtlsEgress: missing ${missing.join(', ')}; required: ${REQUIRED.join(', ')}"
        }
        List<String> unknown = params.keySet().findAll { !(it in REQUIRED) && !(it in OPTIONAL) }.collect { it.toString() }
        if (unknown) {
            return "kymaMtlsEgress: unknown parameter ${unknown.join(', ')}; known: ${(REQUIRED + OPTIONAL).join(', ')}"
        }
        return null
    }

    @NonCPS
    static Map certs(Map params) {
        Map args = [domain: params.domain, client: params.client, certsDir: params.certsDir ?: 'mtls']
        CERTS_OPTIONS.each { if (params.containsKey(it)) { args[it] = params[it] } }
        return args
    }

    @NonCPS
    static Map expose(Map params) {
        Map args = [credentialsId: params.targetCredentialsId, domain: params.domain,
                    namespace: params.targetNamespace ?: params.namespace, certsDir: params.certsDir ?: 'mtls',
                    client: params.client] + timeouts(params)
        if (params.targetContext) { args.context = params.targetContext }
        if (params.resolve) { args.resolve = params.resolve }
        return args
    }

    @NonCPS
    static Map egress(Map params) {
        Map args = [credentialsId: params.clientCredentialsId, domain: params.domain,
                    namespace: params.clientNamespace ?: params.namespace, certsDir: params.certsDir ?: 'mtls',
                    client: params.client] + timeouts(params)
        if (params.clientContext) { args.context = params.clientContext }
        return args
    }

    @NonCPS
    static boolean locks(Map params) {
        return params.lock == null || params.lock
    }

    @NonCPS
    static Map lock(Map params) {
        Map args = [credentialsId: params.clientCredentialsId, namespace: params.clientNamespace ?: params.namespace,
                    domain: params.domain] + timeouts(params)
        if (params.clientContext) { args.context = params.clientContext }
        if (params.dnsAddresses) { args.dnsAddresses = params.dnsAddresses }
        if (params.blockedUrl) { args.blockedUrl = params.blockedUrl }
        return args
    }

    @NonCPS
    private static Map timeouts(Map params) {
        Map timeouts = [:]
        if (params.readyTimeout) { timeouts.readyTimeout = params.readyTimeout }
        if (params.verifyTimeout) { timeouts.verifyTimeout = params.verifyTimeout }
        return timeouts
    }
}
