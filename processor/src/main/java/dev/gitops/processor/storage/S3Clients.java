package dev.gitops.processor.storage;

import dev.gitops.processor.config.ConfigException;
import dev.gitops.processor.config.ProcessorConfig;
import io.netty.channel.nio.NioEventLoopGroup;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.encryption.s3.S3EncryptionClient;

/**
 * The S3 clients the processor uses: a plain one for listing, deleting and health, and the Amazon S3
 * Encryption Client (v4) for every object body. Large objects are read with delayed authentication through
 * BouncyCastle; callers never use that plaintext before the end of the stream has been reached cleanly.
 */
public final class S3Clients implements AutoCloseable {
    private final S3Client plain;
    private final S3EncryptionClient encrypting;
    private final S3EncryptionClient streaming;
    private final SdkAsyncHttpClient asyncHttp;
    private final NioEventLoopGroup eventLoops;

    public S3Clients(ProcessorConfig.Storage config) {
        AwsCredentialsProvider credentials = config.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        config.accessKey().get(), config.secretKey().orElseThrow(
                                () -> new ConfigException("PROCESSOR_S3_SECRET_KEY is required with PROCESSOR_S3_ACCESS_KEY"))))
                : DefaultCredentialsProvider.builder().build();
        Region region = Region.of(config.region());
        ClientOverrideConfiguration override = ClientOverrideConfiguration.builder()
                .apiCallTimeout(config.callTimeout())
                .apiCallAttemptTimeout(config.callTimeout().dividedBy(2))
                .retryStrategy(RetryMode.STANDARD)
                .build();

        var plainBuilder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .overrideConfiguration(override)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(2)));
        config.endpoint().ifPresent(plainBuilder::endpointOverride);
        this.plain = plainBuilder.build();

        this.eventLoops = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.asyncHttp = NettyNioAsyncHttpClient.builder()
                .eventLoopGroup(SdkEventLoopGroup.create(eventLoops))
                .maxConcurrency(256)
                .connectionTimeout(Duration.ofSeconds(2))
                .build();
        // Two encryption clients over the same connections and key:
        //  - encrypting: the JDK provider (AES-NI). Encrypts as it streams; decrypts in the default mode,
        //    which authenticates the whole object before releasing a byte (buffers it: small objects only);
        //  - streaming: BouncyCastle with delayed authentication, for objects too large to buffer. The JDK's
        //    AES-GCM buffers a whole ciphertext on decryption; BouncyCastle's streams.
        this.encrypting = encryptionClient(config, credentials, region, override, false);
        this.streaming = encryptionClient(config, credentials, region, override, true);
    }

    private S3EncryptionClient encryptionClient(ProcessorConfig.Storage config, AwsCredentialsProvider credentials,
                                                Region region, ClientOverrideConfiguration override, boolean stream) {
        var enc = S3EncryptionClient.builderV4()
                .region(region)
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .overrideConfiguration(override)
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(2)))
                .asyncHttpClient(asyncHttp);
        if (stream) enc.enableDelayedAuthenticationMode(true).cryptoProvider(new BouncyCastleProvider());
        config.endpoint().ifPresent(enc::endpointOverride);
        if (config.kmsKeyId().isPresent()) {
            enc.kmsKeyId(config.kmsKeyId().get());
        } else {
            var keyFile = config.keyFile().orElseThrow(() -> new ConfigException(
                    "set PROCESSOR_KEY_FILE (a local AES-256 key) or PROCESSOR_KMS_KEY_ID (a KMS key)"));
            enc.aesKey(KeyMaterial.read(keyFile));
        }
        return enc.build();
    }

    public S3Client plain() {
        return plain;
    }

    /** Puts, and gets of small objects (authenticated before any byte is released). */
    public S3EncryptionClient encrypting() {
        return encrypting;
    }

    /** Gets of large objects: plaintext streams out and the tag is checked at the end of the stream. */
    public S3EncryptionClient streaming() {
        return streaming;
    }

    @Override
    public void close() {
        encrypting.close();
        streaming.close();
        plain.close();
        asyncHttp.close();
        // A short quiet period: Netty's default keeps the JVM busy for 2 s after close.
        eventLoops.shutdownGracefully(50, 500, TimeUnit.MILLISECONDS).awaitUninterruptibly(1, TimeUnit.SECONDS);
    }
}
