package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution() {
    }

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public abstract boolean start() throws Exception;

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only declaration");
    }

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("compile-only declaration");
    }
}
