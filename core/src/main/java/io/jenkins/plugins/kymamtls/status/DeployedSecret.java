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
 */
public record DeployedSecret(String side, String namespace, String name, Map<String, String> data,
                             List<String> referencedBy, List<String> hosts) {

    public DeployedSecret {
        data = data == null ? null : Map.copyOf(data);
        referencedBy = List.copyOf(referencedBy);
        hosts = List.copyOf(hosts);
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
