package org.neuralode.kernel;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/** Hands JShell our {@link ResultCapturingExecutionControl}. */
final class ResultCapturingExecutionControlProvider implements ExecutionControlProvider {

    @Override
    public String name() {
        return "neuralode-local";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        return new ResultCapturingExecutionControl();
    }
}
