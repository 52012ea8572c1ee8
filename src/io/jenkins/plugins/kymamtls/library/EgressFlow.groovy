package io.jenkins.plugins.kymamtls.library

import com.cloudbees.groovy.cps.NonCPS

/**
 * The parameters of vars/kymaMtlsEgress, turned into the arguments of the four steps. Plain data
 * work only, outside the CPS transformation, and no plugin class: the sandbox of an untrusted or
 * folder library rejects those. The var calls the steps; kymaMtlsEgressCheck checks the parameters.
 */
class EgressFlow implements Serializable {

    private static final List<String> CERTS_OPTIONS = ['keyAlgorithm', 'days', 'org', 'caCredentialsId', 'archiveKeys',
                                                       'force']

    @NonCPS
    static Map certs(Map params) {
        Map args = [domain: params.domain, client: params.client, certsDir: params.certsDir ?: 'mtls']
        // A null value (a job parameter that does not exist, say) is "not given": passed on, structs
        // would call a primitive setter with null (DescribableModel coerce, Setter.set).
        CERTS_OPTIONS.each { if (params[it] != null) { args[it] = params[it] } }
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
        // As kymaMtlsEgressCheck reads it: only false (or 'false') leaves the lock out. Object.toString,
        // String.trim and String.equalsIgnoreCase are in script-security's generic-whitelist.
        return params.lock == null || !(params.lock.toString().trim().equalsIgnoreCase('false'))
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
