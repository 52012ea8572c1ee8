package io.jenkins.plugins.kymamtls.certificates;

import io.jenkins.plugins.kymamtls.input.InputChecks;
import io.jenkins.plugins.kymamtls.input.InvalidInputException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to generate and where. Built only through {@link Builder#build()}, which checks every field,
 * so a request that exists is one the engine can act on.
 */
public final class CertificateRequest {

    public static final String DEFAULT_ORGANIZATION = "example Inc.";
    public static final int DEFAULT_DAYS = 365;

    private final String domain;
    private final String client;
    private final String organization;
    private final KeyAlgorithm keyAlgorithm;
    private final int days;
    private final String caCertificatePem;
    private final String caKeyPem;
    private final Path outputDirectory;
    private final boolean force;
    private final boolean selfTest;

    private CertificateRequest(Builder builder) {
        this.domain = builder.domain;
        this.client = builder.client;
        this.organization = builder.organization;
        this.keyAlgorithm = builder.keyAlgorithm;
        this.days = builder.days;
        this.caCertificatePem = builder.caCertificatePem;
        this.caKeyPem = builder.caKeyPem;
        this.outputDirectory = builder.outputDirectory;
        this.force = builder.force;
        this.selfTest = builder.selfTest;
    }

    public static Builder builder(String domain, String client) {
        return new Builder(domain, client);
    }

    public String domain() {
        return domain;
    }

    public String client() {
        return client;
    }

    public String organization() {
        return organization;
    }

    public KeyAlgorithm keyAlgorithm() {
        return keyAlgorithm;
    }

    public int days() {
        return days;
    }

    public boolean hasSuppliedAuthority() {
        return caCertificatePem != null;
    }

    String caCertificatePem() {
        return caCertificatePem;
    }

    String caKeyPem() {
        return caKeyPem;
    }

    public Path outputDirectory() {
        return outputDirectory;
    }

    public boolean force() {
        return force;
    }

    public boolean selfTest() {
        return selfTest;
    }

    @Override
    public String toString() {
        return "certificates for " + domain + " and " + client + " (" + keyAlgorithm + ", " + days + " days"
                + (hasSuppliedAuthority() ? ", supplied CA" : "") + ") in " + outputDirectory;
    }

    public static final class Builder {
        private final String domain;
        private final String client;
        private String organization = DEFAULT_ORGANIZATION;
        private KeyAlgorithm keyAlgorithm = KeyAlgorithm.DEFAULT;
        private int days = DEFAULT_DAYS;
        private String caCertificatePem;
        private String caKeyPem;
        private Path outputDirectory = Path.of("mtls");
        private boolean force;
        private boolean selfTest = true;

        private Builder(String domain, String client) {
            this.domain = domain;
            this.client = client;
        }

        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        public Builder keyAlgorithm(KeyAlgorithm keyAlgorithm) {
            this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
            return this;
        }

        public Builder days(int days) {
            this.days = days;
            return this;
        }

        /** Issue the leaves from this CA instead of creating one; both PEM texts are required together. */
        public Builder authority(String certificatePem, String keyPem) {
            this.caCertificatePem = certificatePem;
            this.caKeyPem = keyPem;
            return this;
        }

        public Builder outputDirectory(Path outputDirectory) {
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
            return this;
        }

        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        public Builder selfTest(boolean selfTest) {
            this.selfTest = selfTest;
            return this;
        }

        public CertificateRequest build() {
            InputChecks.wildcardDnsName("domain", domain);
            InputChecks.dnsName("client", client);
            if (client.equals(domain)) {
                throw new InvalidInputException("client", client,
                        "a name other than the domain, so the two certificates get their own files");
            }
            for (String[] named : new String[][] {{"domain", domain}, {"client", client}}) {
                if (CertificateFiles.fileStem(named[1]).equals(CertificateFiles.AUTHORITY_STEM)) {
                    throw new InvalidInputException(named[0], named[1],
                            "a name other than '" + CertificateFiles.AUTHORITY_STEM + "', which names the CA files");
                }
            }
            InputChecks.organization("org", organization);
            InputChecks.days("days", days);
            if ((caCertificatePem == null) != (caKeyPem == null)) {
                String missing = caCertificatePem == null ? PemMaterial.CERTIFICATE_FIELD : PemMaterial.KEY_FIELD;
                throw InvalidInputException.problem(missing,
                        "is missing; expected the CA certificate and its key together, or neither");
            }
            return new CertificateRequest(this);
        }
    }
}
