package io.followup.callbacks.window;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A span of local time within one day, {@code [start, end)} in minutes of the day; {@code 24:00} ends the day. */
public record LocalSpan(int startMinute, int endMinute) {

    static final int DAY = 24 * 60;
    private static final Pattern SPAN = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

    public LocalSpan {
        if (startMinute < 0 || endMinute > DAY || startMinute >= endMinute) {
            throw new IllegalArgumentException(text(startMinute) + "-" + text(endMinute)
                    + " is not a span of the day: it must start before it ends, between 00:00 and 24:00");
        }
    }

    /** {@code 09:00-18:00}; {@code 24:00} as the end means midnight at the end of the day. */
    public static LocalSpan parse(String text) {
        Matcher matcher = SPAN.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a time span such as 09:00-18:00");
        }
        return new LocalSpan(minute(matcher.group(1), matcher.group(2), text),
                minute(matcher.group(3), matcher.group(4), text));
    }

    private static int minute(String hours, String minutes, String text) {
        int h = Integer.parseInt(hours);
        int m = Integer.parseInt(minutes);
        if (m > 59 || h > 24 || h == 24 && m > 0) {
            throw new IllegalArgumentException("'" + text.strip() + "' has a time that does not exist: " + hours + ":"
                    + minutes);
        }
        return h * 60 + m;
    }

    public boolean contains(LocalTime time) {
        int minute = time.getHour() * 60 + time.getMinute();
        return minute >= startMinute && minute < endMinute;
    }

    boolean overlaps(LocalSpan other) {
        return startMinute < other.endMinute && other.startMinute < endMinute;
    }

    static String text(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    @Override
    public String toString() {
        return text(startMinute) + "-" + text(endMinute);
    }
}
