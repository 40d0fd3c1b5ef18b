package dev.gitops.validator.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gitops.validator.domain.cost.ClusterCost;
import dev.gitops.validator.domain.cost.CostInputException;
import dev.gitops.validator.domain.cost.CostModel;
import dev.gitops.validator.domain.cost.CostReport;
import dev.gitops.validator.domain.cost.CostState;
import dev.gitops.validator.domain.cost.LineItem;
import dev.gitops.validator.domain.traffic.Cluster;
import dev.gitops.validator.release.Workspace;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cost report as a table for people and as JSON. Figures are USD a month, rounded to cents. */
final class CostOutput {

    private CostOutput() {
    }

    /**
     * Today's monthly run rate for {@code status}: the report, or why there is none (a tree without
     * the price file still has a status).
     */
    record RunRate(CostReport report, String unavailable) {

        String line() {
            if (report == null) {
                return "cost: unavailable (" + unavailable + ")";
            }
            StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "cost: %s USD a month at today's states "
                    + "(shared %s", cents(report.runRate()).toPlainString(), cents(report.sharedTotal()).toPlainString()));
            report.today().forEach((c, cc) -> b.append(", ").append(c).append(' ').append(cc.state()).append(' ')
                    .append(cents(cc.total()).toPlainString()));
            return b.append("; ./gitops cost)").toString();
        }

        void write(JsonGenerator g) throws IOException {
            g.writeObjectFieldStart("cost");
            if (report == null) {
                g.writeStringField("unavailable", unavailable);
            } else {
                g.writeNumberField("runRate", cents(report.runRate()));
                g.writeNumberField("shared", cents(report.sharedTotal()));
                for (Map.Entry<Cluster, ClusterCost> e : report.today().entrySet()) {
                    g.writeObjectFieldStart(e.getKey().id());
                    g.writeStringField("state", e.getValue().state().id());
                    g.writeNumberField("monthly", cents(e.getValue().total()));
                    g.writeEndObject();
                }
            }
            g.writeEndObject();
        }
    }

    static RunRate runRate(Workspace ws) {
        try {
            return new RunRate(CostReport.of(ws.root(), ws.resources(), ws.settings(), ws.tree(), 730), null);
        } catch (CostInputException e) {
            return new RunRate(null, e.getMessage());
        }
    }

    /** USD rounded to cents, the one rounding every output uses. */
    static BigDecimal cents(double usd) {
        return BigDecimal.valueOf(usd).setScale(2, RoundingMode.HALF_UP);
    }

    static void text(PrintWriter out, CostReport r) {
        out.printf(Locale.ROOT, "Monthly cost (USD, %s, %.0f hours a month). Prices: %s, taken %s%n",
                r.prices().region(), r.hoursPerMonth(), r.prices().file(), r.prices().taken());
        String fmt = "%-24s" + " %12s".repeat(CostState.values().length) + "%n";
        for (Cluster c : Cluster.values()) {
            out.println();
            Object[] head = new Object[CostState.values().length + 1];
            head[0] = "cluster " + c.id();
            for (CostState s : CostState.values()) {
                head[s.ordinal() + 1] = s.id();
            }
            out.printf(Locale.ROOT, fmt, head);
            for (String id : CostModel.CLUSTER_LINES) {
                Object[] row = new Object[head.length];
                row[0] = id;
                for (CostState s : CostState.values()) {
                    row[s.ordinal() + 1] = cents(r.of(c, s).line(id).monthly()).toPlainString();
                }
                out.printf(Locale.ROOT, fmt, row);
            }
            Object[] total = new Object[head.length];
            Object[] ceiling = new Object[head.length];
            total[0] = "total";
            ceiling[0] = "ceiling (pool limits)";
            for (CostState s : CostState.values()) {
                total[s.ordinal() + 1] = cents(r.of(c, s).total()).toPlainString();
                ceiling[s.ordinal() + 1] = cents(r.of(c, s).ceiling()).toPlainString();
            }
            out.printf(Locale.ROOT, fmt, total);
            out.printf(Locale.ROOT, fmt, ceiling);
        }
        out.println();
        out.println("shared (whatever the clusters do):");
        for (LineItem l : r.shared()) {
            out.printf(Locale.ROOT, "  %-48s %10s  %s%n", l.id(), cents(l.monthly()).toPlainString(), l.basis());
        }
        out.printf(Locale.ROOT, "  %-48s %10s%n", "total", cents(r.sharedTotal()).toPlainString());
        out.println();
        out.printf(Locale.ROOT, "today's run rate: %s a month (shared %s", cents(r.runRate()).toPlainString(),
                cents(r.sharedTotal()).toPlainString());
        for (Map.Entry<Cluster, ClusterCost> e : r.today().entrySet()) {
            out.printf(Locale.ROOT, ", %s %s %s", e.getKey(), e.getValue().state(),
                    cents(e.getValue().total()).toPlainString());
        }
        out.println(")");
        out.println();
        out.println("how each line of a live cluster was computed:");
        for (Cluster c : Cluster.values()) {
            for (LineItem l : r.of(c, CostState.LIVE).lines()) {
                out.printf(Locale.ROOT, "  %s %-22s %s%n", c, l.id(), l.basis());
            }
        }
        out.println("assumptions (cost/assumptions.yaml): " + r.assumptions().describe());
    }

    static void json(PrintWriter out, CostReport r) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("currency", "USD");
            g.writeStringField("region", r.prices().region());
            g.writeStringField("pricesFile", r.prices().file());
            g.writeStringField("pricesTaken", r.prices().taken());
            g.writeNumberField("hoursPerMonth", r.hoursPerMonth());
            g.writeObjectFieldStart("assumptions");
            for (Map.Entry<String, Double> a : r.assumptions().asMap().entrySet()) {
                g.writeNumberField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("clusters");
            for (ClusterCost cc : r.states()) {
                g.writeStartObject();
                g.writeStringField("cluster", cc.cluster().id());
                g.writeStringField("state", cc.state().id());
                g.writeNumberField("monthly", cents(cc.total()));
                g.writeNumberField("ceiling", cents(cc.ceiling()));
                lines(g, cc.lines());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("shared");
            g.writeNumberField("monthly", cents(r.sharedTotal()));
            lines(g, r.shared());
            g.writeEndObject();
            g.writeObjectFieldStart("today");
            g.writeNumberField("runRate", cents(r.runRate()));
            for (Map.Entry<Cluster, ClusterCost> e : r.today().entrySet()) {
                g.writeObjectFieldStart(e.getKey().id());
                g.writeStringField("state", e.getValue().state().id());
                g.writeNumberField("monthly", cents(e.getValue().total()));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    private static void lines(JsonGenerator g, List<LineItem> lines) throws IOException {
        g.writeArrayFieldStart("lines");
        for (LineItem l : lines) {
            g.writeStartObject();
            g.writeStringField("id", l.id());
            g.writeStringField("title", l.title());
            g.writeNumberField("monthly", cents(l.monthly()));
            g.writeNumberField("ceiling", cents(l.ceiling()));
            g.writeStringField("basis", l.basis());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
