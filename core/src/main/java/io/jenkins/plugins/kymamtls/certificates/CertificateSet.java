package io.jenkins.plugins.kymamtls.certificates;

/**
 * The three certificates of the tutorial's mTLS setup.
 *
 * @param authority the root CA; its private key is absent from written output when the user supplied it
 * @param server the certificate of the workload host, presented by the Istio ingress gateway
 * @param client the certificate the egress gateway presents on behalf of the client cluster
 * @param authorityGenerated whether the CA was created in this run rather than supplied
 */
public record CertificateSet(IssuedCertificate authority, IssuedCertificate server, IssuedCertificate client,
                             boolean authorityGenerated) {
}
