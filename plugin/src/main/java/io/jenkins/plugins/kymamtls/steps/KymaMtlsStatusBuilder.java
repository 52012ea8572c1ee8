package io.jenkins.plugins.kymamtls.steps;

import io.jenkins.plugins.kymamtls.steps.status.KymaMtlsStatusStep;

/**
 * The name freestyle jobs saved by earlier versions give the status build step, from before the
 * steps moved into packages by feature. Jenkins loads a job without running constructors and then
 * calls {@code readResolve} (XStream's SerializationMethodInvoker, which core's
 * RobustReflectionConverter.unmarshal calls for every object it reads, core 2.479.3 l.287-290), so such a job loads into
 * {@link io.jenkins.plugins.kymamtls.steps.status.KymaMtlsStatusBuilder}, and saves under that name from then on.
 */
@Deprecated
public final class KymaMtlsStatusBuilder {

    private KymaMtlsStatusStep step;

    private KymaMtlsStatusBuilder() {
    }

    private Object readResolve() {
        return new io.jenkins.plugins.kymamtls.steps.status.KymaMtlsStatusBuilder(step);
    }
}
