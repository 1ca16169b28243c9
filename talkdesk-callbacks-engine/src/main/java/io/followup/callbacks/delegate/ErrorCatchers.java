package io.followup.callbacks.delegate;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.bpmn.helper.ErrorDeclarationForProcessInstanceFinder;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;
import org.camunda.bpm.engine.impl.tree.ActivityExecutionHierarchyWalker;

/**
 * Whether the model catches a BPMN error thrown at the current activity: the same walk Camunda makes when it
 * propagates the error (error boundary events, error event subprocesses, calling processes), done before throwing.
 */
final class ErrorCatchers {

    private ErrorCatchers() {
    }

    /** True when an error boundary event or event subprocess on the way up catches {@code errorCode}. */
    static boolean catches(DelegateExecution execution, String errorCode) {
        if (!(execution instanceof ActivityExecution activityExecution) || activityExecution.getActivity() == null) {
            return true; // not at an activity of a running process: the engine decides
        }
        ErrorDeclarationForProcessInstanceFinder finder = new ErrorDeclarationForProcessInstanceFinder(null,
                errorCode, activityExecution.getActivity());
        ActivityExecutionHierarchyWalker walker = new ActivityExecutionHierarchyWalker(activityExecution);
        walker.addScopePreVisitor(finder);
        walker.walkUntil(element -> finder.getErrorEventDefinition() != null || element == null);
        return finder.getErrorHandlerActivity() != null;
    }
}
