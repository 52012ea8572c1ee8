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
    /** Five years: long enough that leaves are renewed several times under one CA. */
    public static final int DEFAULT_CA_DAYS = 1825;

    private final String domain;
    private final String client;
    private final String organization;
    private final KeyAlgorithm keyAlgorithm;
    private final int days;
    private final int caDays;
    private final int renewBefore;
    private final boolean renew;
    private final boolean renewCa;
    private final CertificateRotation.Phase rotateCa;
    private final String caCertificatePem;
    private final String caKeyPem;
    private final Path outputDirectory;
    private final Path keyDirectory;
    private final boolean force;
    private final boolean selfTest;

    private CertificateRequest(Builder builder) {
        this.domain = builder.domain;
        this.client = builder.client;
        this.organization = builder.organization;
        this.keyAlgorithm = builder.keyAlgorithm;
        this.days = builder.days;
        this.caDays = builder.caDays;
        this.renewBefore = builder.renewBefore;
        this.renew = builder.renew;
        this.renewCa = builder.renewCa;
        this.rotateCa = builder.rotateCa;
        this.caCertificatePem = builder.caCertificatePem;
        this.caKeyPem = builder.caKeyPem;
        this.outputDirectory = builder.outputDirectory;
        this.keyDirectory = builder.keyDirectory != null ? builder.keyDirectory : builder.outputDirectory;
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

    /** How long a CA made (or re-issued) by this request lives. */
    public int caDays() {
        return caDays;
    }

    /** Leaves of a kept set that end within this many days are re-issued from the same CA; 0: off. */
    public int renewBefore() {
        return renewBefore;
    }

    /** Re-issue the kept set's leaves now, whatever their end. */
    public boolean renew() {
        return renew;
    }

    /** Re-issue the kept set's CA certificate for the same key, valid for {@link #caDays()} from now. */
    public boolean renewCa() {
        return renewCa;
    }

    /** The phase of a CA rotation to run; null for none. */
    public CertificateRotation.Phase rotateCa() {
        return rotateCa;
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

    /** Where the keys go: the output folder unless the host keeps them apart. */
    public Path keyDirectory() {
        return keyDirectory;
    }

    public CertificateFolder folder() {
        return new CertificateFolder(outputDirectory, keyDirectory);
    }

    public boolean force() {
        return force;
    }

    public boolean selfTest() {
        return selfTest;
    }

    @Override
    public String toString() {
        return "certificates for " + domain + " and " + client + " (" + keyAlgorithm + ", " + days + " days, CA "
                + caDays + " days"
                + (hasSuppliedAuthority() ? ", supplied CA" : "") + ") in " + outputDirectory;
    }

    /** A CA made here lives 1-3650 days, and at least as long as its leaves. */
    public static void checkCaDays(int caDays, int days) {
        InputChecks.days("caDays", caDays);
        if (days > caDays) {
            throw new InvalidInputException("days", Integer.toString(days), "at most caDays (" + caDays
                    + "), so no leaf outlives the CA it is issued from");
        }
    }

    /** 0 is off; otherwise fewer days than a leaf lives, or a renewed leaf would be due again at once. */
    public static void checkRenewBefore(int renewBefore, int days) {
        if (renewBefore != 0 && (renewBefore < 1 || renewBefore >= days)) {
            throw new InvalidInputException("renewBefore", Integer.toString(renewBefore), "0 (off) or a whole"
                    + " number of days from 1 to days - 1 (" + (days - 1) + "), so a renewed leaf is not due again"
                    + " at once");
        }
    }

    public static final class Builder {
        private final String domain;
        private final String client;
        private String organization = DEFAULT_ORGANIZATION;
        private KeyAlgorithm keyAlgorithm = KeyAlgorithm.DEFAULT;
        private int days = DEFAULT_DAYS;
        private int caDays = DEFAULT_CA_DAYS;
        private int renewBefore;
        private boolean renew;
        private boolean renewCa;
        private CertificateRotation.Phase rotateCa;
        private String caCertificatePem;
        private String caKeyPem;
        private Path outputDirectory = Path.of("mtls");
        private Path keyDirectory;
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

        public Builder caDays(int caDays) {
            this.caDays = caDays;
            return this;
        }

        public Builder renewBefore(int renewBefore) {
            this.renewBefore = renewBefore;
            return this;
        }

        public Builder renew(boolean renew) {
            this.renew = renew;
            return this;
        }

        public Builder renewCa(boolean renewCa) {
            this.renewCa = renewCa;
            return this;
        }

        public Builder rotateCa(CertificateRotation.Phase rotateCa) {
            this.rotateCa = rotateCa;
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

        /** Certificates and keys in separate folders; {@link #outputDirectory} alone puts both in one. */
        public Builder folder(CertificateFolder folder) {
            this.outputDirectory = folder.certificates();
            this.keyDirectory = folder.keys();
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
            if (caCertificatePem == null) {
                checkCaDays(caDays, days);
            } else {
                InputChecks.days("caDays", caDays);
            }
            checkRenewBefore(renewBefore, days);
            if (rotateCa != null && (caCertificatePem != null || renewCa || renew || renewBefore > 0 || force)) {
                throw InvalidInputException.problem("rotateCa", "cannot go with " + (caCertificatePem != null
                        ? PemMaterial.CERTIFICATE_FIELD : renewCa ? "renewCa" : renew ? "renew" : renewBefore > 0
                        ? "renewBefore" : "force") + "; expected a rotation of the CA this folder keeps, on its own");
            }
            if (renewCa && caCertificatePem != null) {
                throw InvalidInputException.problem("renewCa", "the CA comes from " + PemMaterial.CERTIFICATE_FIELD
                        + "; expected a CA this folder keeps (renew a supplied CA where it is kept and pass it again)");
            }            if ((caCertificatePem == null) != (caKeyPem == null)) {
                String missing = caCertificatePem == null ? PemMaterial.CERTIFICATE_FIELD : PemMaterial.KEY_FIELD;
                throw InvalidInputException.problem(missing,
                        "is missing; expected the CA certificate and its key together, or neither");
            }
            return new CertificateRequest(this);
        }
    }
}
