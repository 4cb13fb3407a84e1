package io.parley.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A report as one self-contained HTML page: the key figures as a table, charts as inline SVG (no scripts, no
 * files to fetch), and the whole JSON report at the end.
 */
final class HtmlReport {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 280;
    private static final int LEFT = 70;
    private static final int BOTTOM = 40;
    private static final int TOP = 30;
    private static final int RIGHT = 20;

    private HtmlReport() {
    }

    /** A named series of (x, y) points. */
    record Series(String name, List<double[]> points) {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> report) {
        Map<String, Object> result = (Map<String, Object>) report.get("result");
        String scenario = String.valueOf(report.get("scenario"));
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Parley bench: ")
                .append(escape(scenario)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}")
                .append("td.n{text-align:right;font-variant-numeric:tabular-nums}svg{display:block;margin:1em 0}")
                .append("pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:.85em}</style></head><body>")
                .append("<h1>Parley bench: ").append(escape(scenario)).append("</h1><p><code>")
                .append(escape(String.valueOf(report.get("command")))).append("</code><br>finished ")
                .append(escape(String.valueOf(report.get("finishedAt")))).append("; machine ")
                .append(escape(String.valueOf(report.get("machine")))).append("</p>");
        html.append(figures(result));
        switch (scenario) {
            case "fanout" -> fanout(html, result);
            case "sockets" -> sockets(html, result);
            case "history" -> history(html, result);
            case "rebuild" -> rebuild(html, result);
            case "attachments" -> attachments(html, result);
            default -> {
            }
        }
        html.append("<details><summary>The JSON report</summary><pre>").append(escape(ParleyApi.json(report)))
                .append("</pre></details></body></html>\n");
        return html.toString();
    }

    @SuppressWarnings("unchecked")
    private static void fanout(StringBuilder html, Map<String, Object> result) {
        Map<String, Object> delivery = (Map<String, Object>) result.get("deliveryLatency");
        Map<String, Object> send = (Map<String, Object>) result.get("sendLatency");
        Map<String, Double> bars = new LinkedHashMap<>();
        for (String key : List.of("p50Ms", "p90Ms", "p99Ms", "maxMs")) {
            bars.put("deliver " + key.replace("Ms", ""), number(delivery.get(key)));
        }
        for (String key : List.of("p50Ms", "p99Ms")) {
            bars.put("send " + key.replace("Ms", ""), number(send.get(key)));
        }
        html.append(barChart("Latency (ms): send→deliver to every member, and the REST send itself", bars));
        List<Map<String, Object>> timeline = (List<Map<String, Object>>) result.get("timeline");
        html.append(lineChart("Deliveries per second", "second", "deliveries/s",
                List.of(series("deliveries", timeline, "second", "deliveries"))));
        html.append(lineChart("Send→deliver latency per second (ms)", "second", "ms",
                List.of(series("p50", timeline, "second", "p50Ms"), series("p99", timeline, "second", "p99Ms"))));
    }

    @SuppressWarnings("unchecked")
    private static void sockets(StringBuilder html, Map<String, Object> result) {
        List<Map<String, Object>> steps = (List<Map<String, Object>>) result.get("steps");
        List<double[]> heap = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            heap.add(new double[] {number(step.get("sockets")), number(step.get("heapUsedBytes")) / 1048576});
        }
        html.append(lineChart("query-api heap after GC (MiB) by idle sockets open", "sockets", "MiB",
                List.of(new Series("heap after GC", heap))));
    }

    @SuppressWarnings("unchecked")
    private static void history(StringBuilder html, Map<String, Object> result) {
        List<Map<String, Object>> points = (List<Map<String, Object>>) result.get("points");
        List<Series> series = new ArrayList<>();
        for (String kind : List.of("sendOneMore", "newestPage", "pageAtRandomDepth")) {
            List<double[]> values = new ArrayList<>();
            for (Map<String, Object> point : points) {
                values.add(new double[] {Math.log10(number(point.get("historyMessages"))),
                        number(((Map<String, Object>) point.get(kind)).get("p50Ms"))});
            }
            series.add(new Series(kind + " p50", values));
        }
        html.append(lineChart("p50 latency (ms) by history length (log10 messages)", "log10(messages)", "ms", series));
    }

    @SuppressWarnings("unchecked")
    private static void rebuild(StringBuilder html, Map<String, Object> result) {
        List<Map<String, Object>> samples = (List<Map<String, Object>>) result.get("samples");
        html.append(lineChart("Rebuild position over time", "second", "events",
                List.of(series("position", samples, "second", "position"),
                        series("head", samples, "second", "headPosition"))));
    }

    @SuppressWarnings("unchecked")
    private static void attachments(StringBuilder html, Map<String, Object> result) {
        List<Series> series = new ArrayList<>();
        for (String way : List.of("upload", "download")) {
            Map<String, Object> summary = (Map<String, Object>) result.get(way);
            series.add(new Series(way, List.of(new double[] {50, number(summary.get("p50Ms"))},
                    new double[] {90, number(summary.get("p90Ms"))}, new double[] {99, number(summary.get("p99Ms"))})));
        }
        html.append(lineChart("Latency per file by percentile", "percentile", "ms", series));
    }

    private static Series series(String name, List<Map<String, Object>> rows, String x, String y) {
        List<double[]> points = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (row.get(y) != null) {
                points.add(new double[] {number(row.get(x)), number(row.get(y))});
            }
        }
        return new Series(name, points);
    }

    /** The scalar entries of the result (and one level of nested summaries) as a table. */
    @SuppressWarnings("unchecked")
    private static String figures(Map<String, Object> result) {
        StringBuilder table = new StringBuilder("<h2>Figures</h2><table>");
        for (Map.Entry<String, Object> entry : result.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> map && map.values().stream().noneMatch(v -> v instanceof Map || v instanceof List)) {
                StringBuilder cells = new StringBuilder();
                ((Map<String, Object>) map).forEach((k, v) -> cells.append(escape(k)).append(" ")
                        .append(escape(String.valueOf(v))).append("&nbsp;&nbsp; "));
                table.append("<tr><th>").append(escape(entry.getKey())).append("</th><td>").append(cells)
                        .append("</td></tr>");
            } else if (!(value instanceof List) && !(value instanceof Map)) {
                table.append("<tr><th>").append(escape(entry.getKey())).append("</th><td class=\"n\">")
                        .append(escape(String.valueOf(value))).append("</td></tr>");
            }
        }
        return table.append("</table>").toString();
    }

    static String barChart(String title, Map<String, Double> bars) {
        double max = bars.values().stream().mapToDouble(Double::doubleValue).max().orElse(1);
        double top = niceCeiling(max);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        StringBuilder svg = open(title);
        axes(svg, top, "ms");
        int slot = plotWidth / Math.max(1, bars.size());
        int i = 0;
        for (Map.Entry<String, Double> bar : bars.entrySet()) {
            double h = top == 0 ? 0 : bar.getValue() / top * plotHeight;
            int x = LEFT + i * slot + slot / 6;
            svg.append(format("<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>", x,
                    TOP + plotHeight - h, slot * 2 / 3, h, COLOURS[i % COLOURS.length]));
            svg.append(format("<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x + slot / 3, TOP + plotHeight - h - 4, trim(bar.getValue())));
            svg.append(format("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x + slot / 3, HEIGHT - BOTTOM + 15, escape(bar.getKey())));
            i++;
        }
        return svg.append("</svg>").toString();
    }

    static String lineChart(String title, String xLabel, String yLabel, List<Series> series) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                minX = Math.min(minX, p[0]);
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        StringBuilder svg = open(title);
        if (minX > maxX) {
            return svg.append("<text x=\"").append(LEFT).append("\" y=\"100\">no data</text></svg>").toString();
        }
        double top = niceCeiling(maxY);
        double spanX = maxX == minX ? 1 : maxX - minX;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        axes(svg, top, yLabel);
        svg.append(format("<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", LEFT, HEIGHT - BOTTOM + 15,
                trim(minX)));
        svg.append(format("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>", WIDTH - RIGHT,
                HEIGHT - BOTTOM + 15, trim(maxX)));
        svg.append(format("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                LEFT + plotWidth / 2, HEIGHT - BOTTOM + 30, escape(xLabel)));
        int i = 0;
        for (Series s : series) {
            StringBuilder points = new StringBuilder();
            for (double[] p : s.points()) {
                points.append(format("%.1f,%.1f ", LEFT + (p[0] - minX) / spanX * plotWidth,
                        TOP + plotHeight - (top == 0 ? 0 : p[1] / top * plotHeight)));
            }
            String colour = COLOURS[i % COLOURS.length];
            svg.append(format("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>", colour,
                    points.toString().strip()));
            svg.append(format("<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    LEFT + 10 + i * 120, TOP - 6, colour, escape(s.name())));
            i++;
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder("<h2>").append(escape(title)).append("</h2>");
        svg.append(format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">", WIDTH, HEIGHT, WIDTH, HEIGHT, escape(title)));
        return svg;
    }

    private static void axes(StringBuilder svg, double top, String yLabel) {
        int plotHeight = HEIGHT - TOP - BOTTOM;
        for (int tick = 0; tick <= 4; tick++) {
            double y = TOP + plotHeight - tick / 4.0 * plotHeight;
            svg.append(format("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", LEFT, y,
                    WIDTH - RIGHT, y));
            svg.append(format("<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>", LEFT - 5,
                    y + 4, trim(top * tick / 4)));
        }
        svg.append(format("<text x=\"12\" y=\"%d\" font-size=\"11\" transform=\"rotate(-90 12 %d)\" "
                + "text-anchor=\"middle\">%s</text>", TOP + plotHeight / 2, TOP + plotHeight / 2, escape(yLabel)));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    private static String trim(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? format("%,d", (long) value) : format("%,.2f", value);
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
