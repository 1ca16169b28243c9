package io.followup.callbacks.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test that needs the machine's PostgreSQL ({@link PostgresDatabase#SERVER}). It runs when the server answers, is
 * skipped with a one-line reason when it does not, and is required under CI ({@code CI=true}), so a missing server
 * fails CI loudly instead of skipping.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

    /** Decides once per JVM whether PostgreSQL tests run. */
    class Condition implements ExecutionCondition {

        private static volatile String unreachable;
        private static volatile boolean checked;

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: PostgreSQL tests are required");
            }
            String reason = unreachableReason();
            return reason == null
                    ? ConditionEvaluationResult.enabled("PostgreSQL answers at " + PostgresDatabase.SERVER)
                    : ConditionEvaluationResult.disabled(reason);
        }

        private static synchronized String unreachableReason() {
            if (!checked) {
                DriverManager.setLoginTimeout(3);
                try (Connection connection = DriverManager.getConnection(PostgresDatabase.SERVER + "postgres",
                        PostgresDatabase.USER, "")) {
                    unreachable = null;
                } catch (SQLException e) {
                    unreachable = "skipped: no PostgreSQL at " + PostgresDatabase.SERVER + " (" + e.getMessage()
                            + "); CI=true requires it";
                }
                checked = true;
            }
            return unreachable;
        }
    }
}
