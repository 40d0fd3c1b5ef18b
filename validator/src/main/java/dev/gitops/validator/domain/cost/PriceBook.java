package dev.gitops.validator.domain.cost;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned price file ({@code cost/prices-REGION.yaml}): list prices of one region with the page
 * each comes from and how it was gathered. Every entry must name its {@code source} page and say how
 * the figure was gathered ({@code seen} or {@code note}); a missing price is an error naming the key.
 *
 * @param file the file, as shown in messages
 * @param region the AWS region of the prices
 * @param taken when and how the figures were gathered
 * @param prices key (e.g. {@code alb.hour}) to price
 */
public record PriceBook(String file, String region, String taken, Map<String, Price> prices) {

    /** The price file of the repository, relative to its root. */
    public static final String DEFAULT_FILE = "cost/prices-eu-west-1.yaml";

    public PriceBook {
        prices = Map.copyOf(prices);
    }

    /**
     * One price: USD per {@code unit}; instance prices also carry the instance's size, usage prices the
     * units a month that are free ({@code free}, 0 when none).
     */
    public record Price(String key, double usd, String unit, String source, Double vcpu, Double memoryGiB,
                        double free) {
    }

    /** An EC2 instance type with a price: family ({@code m7g}), category, generation and architecture. */
    public record InstanceType(String name, String family, String category, int generation, String arch,
                               double vcpu, double memoryGiB, double usdPerHour) {
    }

    public static PriceBook read(Path root, String relative) throws CostInputException {
        Map<?, ?> doc = YamlFile.read(root.resolve(relative), relative);
        String region = YamlFile.text(doc, "region", relative);
        String taken = YamlFile.text(doc, "taken", relative);
        if (!(doc.get("prices") instanceof Map<?, ?> entries) || entries.isEmpty()) {
            throw new CostInputException(relative + ": 'prices' must be a mapping of price keys");
        }
        Map<String, Price> prices = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            String key = String.valueOf(e.getKey());
            String where = relative + ": prices." + key;
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                throw new CostInputException(where + " must be a mapping");
            }
            if (!(m.get("seen") instanceof String) && !(m.get("note") instanceof String)) {
                throw new CostInputException(where + " must say how it was gathered ('seen' or 'note')");
            }
            Double vcpu = m.containsKey("vcpu") ? YamlFile.number(m, "vcpu", where) : null;
            Double mem = m.containsKey("memoryGiB") ? YamlFile.number(m, "memoryGiB", where) : null;
            double free = m.containsKey("free") ? YamlFile.number(m, "free", where) : 0;
            prices.put(key, new Price(key, YamlFile.number(m, "price", where), YamlFile.text(m, "unit", where),
                    YamlFile.text(m, "source", where), vcpu, mem, free));
        }
        return new PriceBook(relative, region, taken, prices);
    }

    /** The price in USD of a key; an error when the file has none. */
    public double usd(String key) throws CostInputException {
        Price p = prices.get(key);
        if (p == null) {
            throw new CostInputException(file + ": no price '" + key + "'");
        }
        return p.usd();
    }

    /** The units a month a usage price leaves free; an error when the file has no such price. */
    public double free(String key) throws CostInputException {
        usd(key);
        return prices.get(key).free();
    }

    /** The priced EC2 instance types ({@code ec2.TYPE.hour} with vcpu and memoryGiB). */
    public List<InstanceType> instanceTypes() {
        List<InstanceType> out = new ArrayList<>();
        for (Price p : prices.values()) {
            String k = p.key();
            if (!k.startsWith("ec2.") || !k.endsWith(".hour") || p.vcpu() == null || p.memoryGiB() == null) {
                continue;
            }
            String name = k.substring(4, k.length() - 5);
            String family = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            int gen = family.length() > 1 && Character.isDigit(family.charAt(1)) ? family.charAt(1) - '0' : 0;
            String arch = family.length() > 2 && family.charAt(2) == 'g' ? "arm64" : "amd64";
            out.add(new InstanceType(name, family, family.substring(0, 1), gen, arch, p.vcpu(), p.memoryGiB(),
                    p.usd()));
        }
        return out;
    }

    /** The hourly price of an instance type; an error when the file has none. */
    public double instanceHour(String type) throws CostInputException {
        return usd("ec2." + type + ".hour");
    }
}
