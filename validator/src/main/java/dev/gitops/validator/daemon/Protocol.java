package dev.gitops.validator.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The daemon's wire format over its Unix socket: one request, one reply, then the connection
 * closes. Binary and versioned by {@link #MAGIC}; strings are modified UTF-8 ({@code writeUTF}).
 */
final class Protocol {

    /** "gitops validator daemon", version 1. */
    static final int MAGIC = 0x67766401;

    private Protocol() {
    }

    enum Kind { RUN, STATUS, STOP }

    /**
     * A request.
     *
     * @param kind what is asked
     * @param identity the client's build and environment; a daemon with another one does not serve it
     * @param cwd the client's working folder; only the daemon's repository root is served
     * @param terminal whether the client's standard output is a colour terminal
     * @param args the validator's arguments ({@code validate ...}) for {@link Kind#RUN}
     */
    record Request(Kind kind, BuildIdentity identity, String cwd, boolean terminal, List<String> args) {

        void write(DataOutputStream out) throws IOException {
            out.writeInt(MAGIC);
            out.writeByte(kind.ordinal());
            writeLong(out, identity.build());
            writeLong(out, identity.environment());
            out.writeUTF(cwd);
            out.writeBoolean(terminal);
            out.writeInt(args.size());
            for (String a : args) {
                writeLong(out, a);
            }
            out.flush();
        }

        static Request read(DataInputStream in) throws IOException {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a validator daemon request (or another protocol version)");
            }
            int kind = in.readUnsignedByte();
            if (kind >= Kind.values().length) {
                throw new IOException("unknown request kind " + kind);
            }
            BuildIdentity identity = new BuildIdentity(readLong(in), readLong(in));
            String cwd = in.readUTF();
            boolean terminal = in.readBoolean();
            int n = in.readInt();
            if (n < 0 || n > 10_000) {
                throw new IOException("bad argument count " + n);
            }
            List<String> args = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                args.add(readLong(in));
            }
            return new Request(Kind.values()[kind], identity, cwd, terminal, args);
        }
    }

    enum Outcome {
        /** Ran: exit code, standard output and error follow. */
        SERVED,
        /** Not run by this daemon, which is retiring (other build or environment): the client runs it itself. */
        STALE,
        /** Not run (e.g. another working folder): the client runs it itself. */
        DECLINED,
        /** An answer to STATUS or STOP: a text follows. */
        INFO
    }

    /**
     * A reply.
     *
     * @param outcome what happened
     * @param exitCode the validator's exit code when served
     * @param stdout its standard output when served, else the text of the answer or reason
     * @param stderr its standard error when served
     */
    record Reply(Outcome outcome, int exitCode, byte[] stdout, byte[] stderr) {

        static Reply served(int exitCode, byte[] stdout, byte[] stderr) {
            return new Reply(Outcome.SERVED, exitCode, stdout, stderr);
        }

        static Reply text(Outcome outcome, String text) {
            return new Reply(outcome, 0, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[0]);
        }

        String text() {
            return new String(stdout, java.nio.charset.StandardCharsets.UTF_8);
        }

        void write(DataOutputStream out) throws IOException {
            out.writeByte(outcome.ordinal());
            out.writeInt(exitCode);
            out.writeInt(stdout.length);
            out.write(stdout);
            out.writeInt(stderr.length);
            out.write(stderr);
            out.flush();
        }

        static Reply read(DataInputStream in) throws IOException {
            int outcome = in.readUnsignedByte();
            if (outcome >= Outcome.values().length) {
                throw new IOException("unknown reply " + outcome);
            }
            int code = in.readInt();
            byte[] out = in.readNBytes(length(in));
            byte[] err = in.readNBytes(length(in));
            return new Reply(Outcome.values()[outcome], code, out, err);
        }
    }

    /** A string of any length (writeUTF stops at 64 KiB). */
    private static void writeLong(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLong(DataInputStream in) throws IOException {
        return new String(in.readNBytes(length(in)), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int length(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 512 * 1024 * 1024) {
            throw new IOException("bad length " + n);
        }
        return n;
    }
}
