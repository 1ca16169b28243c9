package io.followup.callbacks.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A horizontal bar chart of follow-ups booked per second, one group per database and size, as SVG. */
final class BenchChart {

    private static final Map<String, String> COLOURS = Map.of("ceiling", "#9e9e9e", "ours", "#1f77b4",
            "http", "#ff7f0e");

    private BenchChart() {
    }

    static String svg(List<Map<String, String>> results) {
        double max = results.stream().mapToDouble(r -> Double.parseDouble(r.getOrDefault("perSecondMax",
                r.get("perSecond")))).max().orElse(1);
        int barHeight = 18;
        int labelWidth = 330;
        int chartWidth = 520;
        StringBuilder body = new StringBuilder();
        int y = 40;
        String group = null;
        for (Map<String, String> r : results) {
            String current = r.get("db") + ", " + r.get("count") + " follow-ups";
            if (!current.equals(group)) {
                group = current;
                y += 10;
                body.append(String.format(Locale.ROOT,
                        "<text x=\"10\" y=\"%d\" font-weight=\"bold\">%s</text>%n", y + 12, group));
                y += barHeight + 4;
            }
            double value = Double.parseDouble(r.get("perSecond"));
            int width = (int) Math.round(value / max * chartWidth);
            body.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\">%s</text>%n", y + 13, r.get("label")));
            body.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n", labelWidth, y, width,
                    barHeight, COLOURS.getOrDefault(r.get("variant"), "#444")));
            if (r.containsKey("perSecondMin")) { // the spread of the runs: a line from the slowest to the fastest
                int low = (int) Math.round(Double.parseDouble(r.get("perSecondMin")) / max * chartWidth);
                int high = (int) Math.round(Double.parseDouble(r.get("perSecondMax")) / max * chartWidth);
                body.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" "
                        + "stroke=\"black\"/>%n", labelWidth + low, labelWidth + high, y + barHeight / 2,
                        y + barHeight / 2));
                width = Math.max(width, high);
            }
            body.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.1f/s</text>%n",
                    labelWidth + width + 6, y + 13, value));
            y += barHeight + 4;
        }
        int height = y + 20;
        int width = labelWidth + chartWidth + 90;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"13\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                + "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">Follow-ups booked per second "
                + "(%d cores; median, line: slowest to fastest run)</text>%n%s</svg>%n", width, height, Runtime.getRuntime().availableProcessors(), body);
    }
}
