package dev.gitops.validator.cli;

import dev.gitops.validator.domain.cost.ClusterCost;
import dev.gitops.validator.domain.cost.CostModel;
import dev.gitops.validator.domain.cost.CostReport;
import dev.gitops.validator.domain.cost.CostState;
import dev.gitops.validator.domain.cost.LineItem;
import dev.gitops.validator.domain.traffic.Cluster;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The cost report as one self-contained HTML page: per cluster a bar chart (inline SVG) of each line
 * item in each state, the totals per state, the shared lines, and tables of the same figures. No
 * script, no external asset. Every figure carries {@code data-cluster}, {@code data-state} and
 * {@code data-line} attributes so that a test can read the rendered page and compare it with the JSON.
 */
final class CostHtml {

    private static final String[] COLORS = {"#1f6feb", "#8250df", "#bf8700", "#57606a"};
    private static final int LABEL = 250;
    private static final int PLOT = 520;
    private static final int BAR = 11;

    private CostHtml() {
    }

    static void write(PrintWriter out, CostReport r) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Monthly cost per cluster and state</title>");
        out.println("<style>body{font:14px system-ui,sans-serif;margin:2em;color:#1f2328;max-width:60em}"
                + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{padding:.2em .6em;border-bottom:1px solid #d0d7de;text-align:right}td:first-child,"
                + "th:first-child{text-align:left}.legend span{display:inline-block;margin-right:1.2em}"
                + ".legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}"
                + "svg text{font:11px system-ui,sans-serif;fill:#1f2328}.note{color:#57606a}</style></head><body>");
        out.printf(Locale.ROOT, "<h1>Monthly cost per cluster and state (USD, %s)</h1>%n", esc(r.prices().region()));
        out.printf(Locale.ROOT, "<p class=\"note\">%.0f hours a month. Prices: %s, taken %s. Assumptions: %s.</p>%n",
                r.hoursPerMonth(), esc(r.prices().file()), esc(r.prices().taken()), esc(r.assumptions().describe()));
        out.printf(Locale.ROOT, "<p>Today's run rate: <strong data-figure=\"run-rate\">%s</strong> a month "
                + "(shared <span data-figure=\"shared\">%s</span>).</p>%n", cents(r.runRate()), cents(r.sharedTotal()));
        out.print("<p class=\"legend\">");
        for (CostState s : CostState.values()) {
            out.printf(Locale.ROOT, "<span><i style=\"background:%s\"></i>%s</span>", COLORS[s.ordinal()], s.id());
        }
        out.println("</p>");
        for (Cluster c : Cluster.values()) {
            out.printf(Locale.ROOT, "<h2>Cluster %s</h2>%n", c.id());
            chart(out, r, c);
            table(out, r, c);
        }
        out.println("<h2>Shared lines (whatever the clusters do)</h2>");
        sharedChart(out, r.shared());
        out.println("<table><tr><th>line</th><th>monthly</th><th>basis</th></tr>");
        for (LineItem l : r.shared()) {
            out.printf(Locale.ROOT, "<tr><td>%s</td><td data-shared=\"%s\">%s</td><td class=\"note\">%s</td></tr>%n",
                    esc(l.id()), esc(l.id()), cents(l.monthly()), esc(l.basis()));
        }
        out.printf(Locale.ROOT, "<tr><th>total</th><th>%s</th><th></th></tr></table>%n", cents(r.sharedTotal()));
        out.println("</body></html>");
    }

    /** One group of four bars (live, beta, drained, shut down) per line item, scaled to the largest figure. */
    private static void chart(PrintWriter out, CostReport r, Cluster c) {
        List<String> ids = CostModel.CLUSTER_LINES;
        double max = 0;
        for (CostState s : CostState.values()) {
            for (LineItem l : r.of(c, s).lines()) {
                max = Math.max(max, l.monthly());
            }
        }
        int group = BAR * CostState.values().length + 10;
        int height = group * ids.size() + 10;
        out.printf(Locale.ROOT, "<svg role=\"img\" aria-label=\"line items of %s per state\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\">%n", c.id(), LABEL + PLOT + 80, height, LABEL + PLOT + 80, height);
        for (int i = 0; i < ids.size(); i++) {
            int y = i * group + 5;
            out.printf(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>%n", y + group / 2, esc(title(r, c, ids.get(i))));
            for (CostState s : CostState.values()) {
                double v = r.of(c, s).line(ids.get(i)).monthly();
                int by = y + s.ordinal() * BAR;
                double w = max == 0 ? 0 : v / max * PLOT;
                out.printf(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s %s: "
                        + "%s</title></rect><text x=\"%.1f\" y=\"%d\">%s</text>%n", LABEL, by, w, BAR - 2,
                        COLORS[s.ordinal()], esc(ids.get(i)), s.id(), cents(v), LABEL + w + 4, by + BAR - 3, cents(v));
            }
        }
        out.println("</svg>");
        double top = 0;
        for (CostState s : CostState.values()) {
            top = Math.max(top, r.of(c, s).total());
        }
        out.printf(Locale.ROOT, "<svg role=\"img\" aria-label=\"total of %s per state\" width=\"%d\" height=\"%d\">%n",
                c.id(), LABEL + PLOT + 80, CostState.values().length * 20 + 5);
        for (CostState s : CostState.values()) {
            double v = r.of(c, s).total();
            double w = top == 0 ? 0 : v / top * PLOT;
            int y = s.ordinal() * 20 + 2;
            out.printf(Locale.ROOT, "<text x=\"0\" y=\"%d\">total, %s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" "
                    + "height=\"16\" fill=\"%s\"></rect><text x=\"%.1f\" y=\"%d\">%s</text>%n", y + 12, s.id(), LABEL,
                    y, w, COLORS[s.ordinal()], LABEL + w + 4, y + 12, cents(v));
        }
        out.println("</svg>");
    }

    private static void table(PrintWriter out, CostReport r, Cluster c) {
        out.print("<table><tr><th>line</th>");
        for (CostState s : CostState.values()) {
            out.printf(Locale.ROOT, "<th>%s</th>", s.id());
        }
        out.println("</tr>");
        for (String id : CostModel.CLUSTER_LINES) {
            out.printf(Locale.ROOT, "<tr><td title=\"%s\">%s</td>", esc(r.of(c, CostState.LIVE).line(id).basis()),
                    esc(id));
            for (CostState s : CostState.values()) {
                out.printf(Locale.ROOT, "<td data-cluster=\"%s\" data-state=\"%s\" data-line=\"%s\">%s</td>", c.id(),
                        s.id(), esc(id), cents(r.of(c, s).line(id).monthly()));
            }
            out.println("</tr>");
        }
        out.print("<tr><th>total</th>");
        for (CostState s : CostState.values()) {
            ClusterCost cc = r.of(c, s);
            out.printf(Locale.ROOT, "<th data-cluster=\"%s\" data-state=\"%s\" data-line=\"total\">%s</th>", c.id(),
                    s.id(), cents(cc.total()));
        }
        out.println("</tr></table>");
    }

    private static void sharedChart(PrintWriter out, List<LineItem> shared) {
        double max = shared.stream().mapToDouble(LineItem::monthly).max().orElse(0);
        int width = LABEL + 130 + PLOT + 80;
        out.printf(Locale.ROOT, "<svg role=\"img\" aria-label=\"shared lines\" width=\"%d\" height=\"%d\">%n", width,
                shared.size() * 18 + 5);
        for (int i = 0; i < shared.size(); i++) {
            LineItem l = shared.get(i);
            double w = max == 0 ? 0 : l.monthly() / max * PLOT;
            int y = i * 18 + 2;
            out.printf(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"14\" "
                    + "fill=\"#57606a\"></rect><text x=\"%.1f\" y=\"%d\">%s</text>%n", y + 11, esc(l.id()),
                    LABEL + 130, y, w, LABEL + 130 + w + 4, y + 11, cents(l.monthly()));
        }
        out.println("</svg>");
    }

    private static String title(CostReport r, Cluster c, String id) {
        return r.of(c, CostState.LIVE).line(id).title();
    }

    private static String cents(double usd) {
        return CostOutput.cents(usd).toPlainString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
