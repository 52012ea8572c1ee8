package io.jenkins.plugins.kymamtls.status;

import java.util.List;
import java.util.Map;

/**
 * A credential Secret as one cluster holds it, and what points at it.
 *
 * @param side "target" (the ingress gateway's Secret) or "client" (the egress gateway's)
 * @param data the Secret's entries as text; null when the Secret does not exist
 * @param referencedBy the Gateways or DestinationRules that name it as credentialName, e.g.
 *     {@code Gateway mtls-demo/kyma-mtls-gateway}
 * @param hosts the hosts of the Gateway servers that use it (target side)
 * @param subjectAltNames for each host whose DestinationRule originates mTLS with it (client side),
 *     the names the server's certificate must carry: Istio's server-name check; empty when none
 */
public record DeployedSecret(String side, String namespace, String name, Map<String, String> data,
                             List<String> referencedBy, List<String> hosts, Map<String, List<String>> subjectAltNames) {

    public DeployedSecret {
        data = data == null ? null : Map.copyOf(data);
        referencedBy = List.copyOf(referencedBy);
        hosts = List.copyOf(hosts);
        subjectAltNames = Map.copyOf(subjectAltNames);
    }

    public DeployedSecret(String side, String namespace, String name, Map<String, String> data,
                          List<String> referencedBy, List<String> hosts) {
        this(side, namespace, name, data, referencedBy, hosts, Map.of());
    }

    public String where() {
        return side + " Secret " + namespace + "/" + name;
    }

    /** Never the data: it holds a private key. */
    @Override
    public String toString() {
        return where() + (data == null ? " (missing)" : " with " + data.keySet());
    }
}
