package dev.gitops.validator.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} syntax: {@code 300ms}, {@code 1.5h}, {@code 2h45m}; no {@code d}. */
public final class GoDuration {

    private static final Pattern WHOLE = Pattern.compile("[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /** True when Go would parse the text. */
    public static boolean valid(String text) {
        return text != null && (text.equals("0") || text.matches("[-+]0") || WHOLE.matcher(text).matches());
    }

    /** Seconds of a valid duration (negative when written with a minus), or null when invalid. */
    public static Double seconds(String text) {
        if (!valid(text)) {
            return null;
        }
        double sign = text.startsWith("-") ? -1 : 1;
        double total = 0;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "ns" -> v / 1e9;
                case "us", "µs", "μs" -> v / 1e6;
                case "ms" -> v / 1e3;
                case "s" -> v;
                case "m" -> v * 60;
                default -> v * 3600;
            };
        }
        return sign * total;
    }
}
