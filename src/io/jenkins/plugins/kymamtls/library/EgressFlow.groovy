package io.jenkins.plugins.kymamtls.library

import com.cloudbees.groovy.cps.NonCPS
import io.jenkins.plugins.kymamtls.certificates.CertificateRequest
import io.jenkins.plugins.kymamtls.certificates.KeyAlgorithm
import io.jenkins.plugins.kymamtls.input.InputChecks
import io.jenkins.plugins.kymamtls.input.InvalidInputException
import io.jenkins.plugins.kymamtls.resources.LockParameters
import io.jenkins.plugins.kymamtls.resources.Timeouts

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
        try {
            checkWithTheEngine(params)
        } catch (InvalidInputException e) {
            return "kymaMtlsEgress: ${e.message}"
        }
        return null
    }

    /**
     * What each step will check of these values, checked by the engine's own code before the first
     * step changes anything: the target cluster is not touched for a flow the client cluster refuses.
     */
    @NonCPS
    private static void checkWithTheEngine(Map params) {
        CertificateRequest.Builder certificates = CertificateRequest.builder(params.domain as String, params.client as String)
        if (params.keyAlgorithm) { certificates.keyAlgorithm(KeyAlgorithm.parse('keyAlgorithm', params.keyAlgorithm as String)) }
        if (params.days) { certificates.days(params.days as int) }
        if (params.org) { certificates.organization(params.org as String) }
        certificates.build()
        // The egress route needs one concrete host, where expose alone would take a wildcard.
        InputChecks.dnsName('domain', params.domain as String)
        InputChecks.namespace('namespace', (params.targetNamespace ?: params.namespace) as String)
        InputChecks.namespace('namespace', (params.clientNamespace ?: params.namespace) as String)
        if (params.resolve) { InputChecks.ipv4('resolve', params.resolve as String) }
        Timeouts.ofSeconds((params.readyTimeout ?: Timeouts.DEFAULT_READY_SECONDS) as int,
                (params.verifyTimeout ?: Timeouts.DEFAULT_VERIFY_SECONDS) as int)
        if (locks(params)) {
            LockParameters.Builder lock = LockParameters.builder((params.clientNamespace ?: params.namespace) as String)
                    .allowedDomain(params.domain as String)
            if (params.dnsAddresses) {
                lock.dnsAddresses((params.dnsAddresses as String).split(',').collect { it.trim() })
            }
            if (params.blockedUrl) { lock.blockedUrl(params.blockedUrl as String) }
            lock.build()
        }
    }

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
