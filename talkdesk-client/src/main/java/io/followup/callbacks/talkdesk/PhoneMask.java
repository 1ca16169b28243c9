package io.followup.callbacks.talkdesk;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one place phone numbers are masked for logs and messages (the client's and the plugin's alike). */
public final class PhoneMask {

    private static final Pattern PHONE_LIKE = Pattern.compile("(?<![\\w\\d])(\\+|%2B)?\\d(?:[ \\-.]?\\d){7,15}(?!\\d)");
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*|\\d{8}");

    private PhoneMask() {
    }

    /**
     * {@code +351912345678} becomes {@code +35191*****78}: at most the first six characters and the last two stay,
     * and at least five are hidden; short or missing input becomes {@code ***}.
     */
    public static String mask(String number) {
        if (number == null) {
            return "***";
        }
        String compact = number.strip();
        if (compact.length() < 9) {
            return "***";
        }
        int shown = Math.min(6, compact.length() - 7);
        return compact.substring(0, shown) + "*".repeat(compact.length() - shown - 2)
                + compact.substring(compact.length() - 2);
    }

    /** {@code text} with every phone-number-like run masked (dates are left alone), for log lines and messages. */
    public static String maskAll(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher matcher = PHONE_LIKE.matcher(text);
        StringBuilder masked = new StringBuilder();
        while (matcher.find()) {
            String match = matcher.group();
            String replacement = DATE_LIKE.matcher(match).matches() ? match : maskRun(match);
            matcher.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(masked);
        return masked.toString();
    }

    private static String maskRun(String run) {
        boolean encodedPlus = run.startsWith("%2B");
        String body = encodedPlus ? run.substring(3) : run;
        String prefix = encodedPlus || body.startsWith("+") ? "+" : "";
        return mask(prefix + body.replaceAll("\\D", ""));
    }
}
