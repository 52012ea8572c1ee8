package io.jenkins.plugins.kymamtls.steps;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.UnaryOperator;

/**
 * A freestyle build step's parameters with the build's variables expanded in every text value
 * ({@code ${BUILD_NUMBER}}, {@code $NAMESPACE}), as Jenkins' own build steps expand theirs, but
 * credentials ids, which are looked up as typed. The step
 * itself, which the job saves, keeps the text as the user wrote it.
 */
final class Expansion {

    private Expansion() {
    }

    /** A view of {@code settings} whose text getters return their value expanded. */
    static <T> T of(Class<T> settingsInterface, T settings, UnaryOperator<String> expand) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            Object value;
            try {
                value = method.invoke(settings, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            // Credentials ids stay as typed: the credentials plugin resolves a credentials parameter
            // (${NAME}) itself, with the rules for who may use which (CredentialsProvider.findCredentialById).
            boolean credentialsId = method.getName().endsWith("CredentialsId");
            return method.getReturnType() == String.class && value != null && !credentialsId
                    ? expand.apply((String) value) : value;
        };
        return settingsInterface.cast(Proxy.newProxyInstance(settingsInterface.getClassLoader(),
                new Class<?>[] {settingsInterface}, handler));
    }
}
