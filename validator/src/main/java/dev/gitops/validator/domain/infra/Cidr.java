package dev.gitops.validator.domain.infra;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 CIDR block as a NetworkPolicy {@code ipBlock} writes it ({@code 169.254.170.23/32},
 * {@code 0.0.0.0/0}, {@code fd00:ec2::23/128}). Only address literals are read: a name is never resolved.
 *
 * @param network the block's address bytes (4 or 16)
 * @param prefix the length of the prefix in bits
 */
public record Cidr(byte[] network, int prefix) {

    private static final Pattern V4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    /** Starts with a hex digit or a colon and holds one: InetAddress then parses it as IPv6 or fails, never resolves. */
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    public Cidr {
        network = network.clone();
    }

    /** The block a string writes, or null when it is not an address literal with a valid prefix. */
    public static Cidr parse(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = address(host);
        if (bytes == null) {
            return null;
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return prefix < 0 || prefix > max ? null : new Cidr(bytes, prefix);
    }

    /** The bytes of an IPv4 or IPv6 literal, or null when the string is not one. */
    public static byte[] address(String literal) {
        if (literal == null) {
            return null;
        }
        if (V4.matcher(literal).matches()) {
            byte[] out = new byte[4];
            String[] octets = literal.split("\\.");
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(octets[i]);
                if (v > 255) {
                    return null;
                }
                out[i] = (byte) v;
            }
            return out;
        }
        if (!V6.matcher(literal).matches() || literal.indexOf(':') < 0) {
            return null; // never hand a name to InetAddress: it would resolve it
        }
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Whether the block holds the address (of the same family). */
    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return "?/" + prefix;
        }
    }
}
