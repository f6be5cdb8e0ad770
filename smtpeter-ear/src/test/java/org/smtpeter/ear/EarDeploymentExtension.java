package org.smtpeter.ear;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link EarDeployment}: one Payara Server domain for the whole test run, set up on
 * first use and stopped when the run ends, also when tests failed (JUnit closes it with the root
 * context's store). A failed set-up is not repeated for every further test.
 */
final class EarDeploymentExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EarDeployment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Once.class, key -> new Once(), Once.class).deployment();
    }

    /** Starts the deployment at most once and remembers a failure. */
    private static final class Once implements ExtensionContext.Store.CloseableResource {
        private EarDeployment deployment;
        private RuntimeException failure;

        synchronized EarDeployment deployment() {
            if (failure != null) {
                throw new IllegalStateException("the EAR deployment failed already: " + failure.getMessage(), failure);
            }
            if (deployment == null) {
                try {
                    deployment = EarDeployment.start();
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return deployment;
        }

        @Override
        public synchronized void close() {
            if (deployment != null) {
                deployment.close();
            }
        }
    }
}
