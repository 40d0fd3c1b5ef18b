package dev.gitops.processor.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3-compatible store in this process (S3Proxy), for local runs and tests: {@code filesystem} keeps
 * objects in a folder (user metadata in extended attributes), {@code transient} keeps them in memory.
 * Not in the image: this source set (src/local) is built with the test classpath, where S3Proxy is.
 */
public final class EmbeddedS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access-key";
    public static final String SECRET_KEY = "local-secret-key";

    private final String provider;
    private final Path dataDir;
    private final UnaryOperator<BlobStore> middleware;
    private BlobStore blobStore;
    private S3Proxy proxy;
    private int port;

    public EmbeddedS3(String provider, Path dataDir) {
        this(provider, dataDir, UnaryOperator.identity());
    }

    /** With S3Proxy middleware around the store (tests use one to make S3Proxy refuse chosen requests). */
    public EmbeddedS3(String provider, Path dataDir, UnaryOperator<BlobStore> middleware) {
        this.provider = provider;
        this.dataDir = dataDir;
        this.middleware = middleware;
    }

    /** Starts on {@code port} (0: any free port). Restarting on the same port keeps the filesystem data. */
    public synchronized EmbeddedS3 start(String host, int port) throws Exception {
        Properties p = new Properties();
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            p.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        }
        p.setProperty("jclouds.identity", ACCESS_KEY);
        p.setProperty("jclouds.credential", SECRET_KEY);
        blobStore = BlobStores.create(provider, p);
        proxy = S3Proxy.builder()
                .blobStore(middleware.apply(blobStore))
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(0)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("S3Proxy did not start");
            Thread.sleep(10);
        }
        this.port = proxy.getPort();
        return this;
    }

    public synchronized void stop() throws Exception {
        if (proxy != null) proxy.stop();
        if (blobStore != null) blobStore.close();
        proxy = null;
        blobStore = null;
    }

    public int port() {
        return port;
    }

    public URI endpoint(String host) {
        return URI.create("http://" + host + ":" + port);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
