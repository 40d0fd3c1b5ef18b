package dev.gitops.validator.policy;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * HTTP clients for talking to OPA. An {@code https} URL (a shared OPA) gets the JDK's TLS defaults.
 * A plain {@code http} URL — the private server on loopback — gets a TLS context that trusts nothing
 * and is never used: building a client with the JDK's default context reads and parses the whole
 * trust store (about 150 certificates), a tenth of the CPU time of a validation run, for a
 * connection that has no TLS.
 */
final class OpaHttp {

    private OpaHttp() {
    }

    static HttpClient.Builder builder(URI url) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
        if ("http".equalsIgnoreCase(url.getScheme())) {
            try {
                SSLContext unused = SSLContext.getInstance("TLS");
                unused.init(new KeyManager[0], new TrustManager[0], null);
                builder.sslContext(unused).sslParameters(new SSLParameters());
            } catch (GeneralSecurityException e) {
                // Not expected from the JDK's own provider; the defaults work too, only slower.
            }
        }
        return builder;
    }
}
