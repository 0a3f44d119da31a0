package dev.ollamamax.server.nodes;

import dev.ollamamax.shared.config.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address range like {@code 169.254.10.0/24} or {@code fe80::/10} (a bare address is a range of one). */
record Cidr(byte[] network, int prefixBits) {

    static Cidr parse(String spec) {
        String s = spec.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        try {
            if (!address.matches("[0-9a-fA-F:.]+")) {
                throw new NumberFormatException();
            }
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1).strip());
            if (bits < 0 || bits > bytes.length * 8) {
                throw new NumberFormatException();
            }
            return new Cidr(bytes, bits);
        } catch (NumberFormatException | UnknownHostException e) {
            throw new ConfigException("NODE_ALLOWED_NETWORKS has \"" + s
                    + "\"; use address ranges like 169.254.10.0/24 or fe80::/10, separated by commas");
        }
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (a[full] & mask) == (network[full] & mask);
    }
}
