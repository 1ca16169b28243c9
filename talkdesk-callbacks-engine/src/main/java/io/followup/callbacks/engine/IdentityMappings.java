package io.followup.callbacks.engine;

import io.followup.callbacks.process.SupportFollowUpProcess.Delegates;
import io.followup.callbacks.process.SupportFollowUpProcess.Variables;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoMapping;
import org.camunda.bpm.engine.impl.core.variable.mapping.IoParameter;
import org.camunda.bpm.engine.impl.el.ElValueProvider;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Leaves out, on the plugin's own tasks, the input and output parameters that copy a variable onto itself
 * ({@code phoneNumber = ${execution.getVariable('phoneNumber')}}): the element templates and the shipped model
 * show each input that way, so that Modeler lists what a task reads, but the task reads the variable of that name
 * anyway. Each such mapping cost an expression and a local variable with its own history row: 34 of a booking's 52
 * variable history rows (docs/performance.md, tuning log). A mapping from another name or expression is kept, and an
 * input the task may also write (such as {@code callbackId}) is left out only with its identity output, so a value
 * that would have stayed local still does not reach the process.
 */
public class IdentityMappings extends AbstractBpmnParseListener {

    /** The property marking a task whose delegate is one of the plugin's. */
    private static final String OURS = "io.followup.callbacks.delegate";
    /** What the plugin's delegates write: an input of one of these names may hold a value that must stay local. */
    private static final Set<String> WRITTEN = Set.of(Variables.CALLBACK_ID, Variables.CALLBACK_STATUS,
            Variables.CALLBACK_SCHEDULED_TIME, Variables.CALLBACK_CHECK_TIME, Variables.ACTIVE_CALLBACK_FOUND,
            Variables.CALLBACK_OUTCOME);
    private static final Pattern IDENTITY = Pattern.compile(
            "\\$\\{\\s*execution\\.getVariable\\(\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]\\s*\\)\\s*}");
    private static final List<String> EXTENSION_NAMESPACES = List.of("http://camunda.org/schema/1.0/bpmn",
            "http://operaton.org/schema/1.0/bpmn", "http://activiti.org/bpmn");
    private static final Pattern DELEGATE = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    @Override
    public void parseServiceTask(Element element, ScopeImpl scope, ActivityImpl activity) {
        String expression = delegateExpression(element);
        Matcher delegate = expression == null ? null : DELEGATE.matcher(expression.strip());
        if (delegate != null && delegate.matches() && Delegates.ALL.contains(delegate.group(1))) {
            activity.setProperty(OURS, delegate.group(1));
        }
    }

    /**
     * The task's {@code delegateExpression} in the Camunda namespace or Operaton's, read by its key in the parser's
     * attribute map (namespace URI, colon, name) rather than through {@code BpmnParse}'s namespace constant, which
     * the forks name differently.
     */
    private static String delegateExpression(Element element) {
        for (String namespace : EXTENSION_NAMESPACES) {
            String expression = element.attribute(namespace + ":delegateExpression");
            if (expression != null) {
                return expression;
            }
        }
        return null;
    }

    /** Runs once the process is parsed, when the tasks' mappings are (they are parsed after the task itself). */
    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
        leaveOut(processDefinition.getActivities());
    }

    private static void leaveOut(List<ActivityImpl> activities) {
        for (ActivityImpl activity : activities) {
            if (activity.getProperty(OURS) != null && activity.getIoMapping() != null) {
                leaveOut(activity.getIoMapping());
            }
            leaveOut(activity.getActivities());
        }
    }

    private static void leaveOut(IoMapping mapping) {
        List<? extends IoParameter> outputs = mapping.getOutputParameters();
        mapping.getInputParameters().removeIf(input -> identity(input)
                && (!WRITTEN.contains(input.getName()) || outputs.stream().anyMatch(
                        output -> output.getName().equals(input.getName()) && identity(output))));
        mapping.getOutputParameters().removeIf(output -> identity(output) && mapping.getInputParameters().stream()
                .noneMatch(input -> input.getName().equals(output.getName())));
    }

    /** Whether the parameter sets a variable to the variable of the same name. */
    private static boolean identity(IoParameter parameter) {
        if (!(parameter.getValueProvider() instanceof ElValueProvider value)) {
            return false;
        }
        Matcher matcher = IDENTITY.matcher(value.getExpression().getExpressionText().strip());
        return matcher.matches() && matcher.group(1).equals(parameter.getName());
    }
}
