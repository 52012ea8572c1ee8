package io.jenkins.plugins.kymamtls.steps;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.UnaryOperator;

/**
 * A freestyle build step's parameters with the build's variables expanded in every text value
 * ({@code ${BUILD_NUMBER}}, {@code $NAMESPACE}), as Jenkins' own build steps expand theirs. The step
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
            return method.getReturnType() == String.class && value != null ? expand.apply((String) value) : value;
        };
        return settingsInterface.cast(Proxy.newProxyInstance(settingsInterface.getClassLoader(),
                new Class<?>[] {settingsInterface}, handler));
    }
}
