package dev.gitops.processor.storage;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.crypto.AEADBadTagException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.encryption.s3.S3EncryptionClientException;

/** Classifies what the S3 and encryption clients throw (they wrap causes several levels deep). */
final class S3Failures {
    private S3Failures() {}

    static Optional<S3Exception> s3Exception(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof S3Exception s) return Optional.of(s);
        }
        return Optional.empty();
    }

    static boolean isStatus(Throwable t, int status) {
        return s3Exception(t).map(s -> s.statusCode() == status).orElse(false);
    }

    static boolean isNotFound(Throwable t) {
        return s3Exception(t).map(s -> s.statusCode() == 404).orElse(false);
    }

    /** Network errors, time-outs, throttling and server errors: S3 is (temporarily) not there. */
    static boolean isUnavailable(Throwable t) {
        Optional<S3Exception> s3 = s3Exception(t);
        if (s3.isPresent()) {
            int status = s3.get().statusCode();
            return status >= 500 || status == 429 || status == 0;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SdkClientException || c instanceof IOException || c instanceof TimeoutException) return true;
        }
        return false;
    }

    /** Decryption failed for a reason other than transport: authentication tag, key commitment, envelope. */
    static boolean isIntegrityFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AEADBadTagException || c instanceof SecurityException) return true;
        }
        return t instanceof S3EncryptionClientException && !isUnavailable(t) && s3Exception(t).isEmpty();
    }

    /** Maps a failure to the exception the rest of the processor understands. */
    static RuntimeException translate(String what, Throwable t) {
        if (isIntegrityFailure(t)) return new IntegrityException(what + ": stored object failed its integrity check", t);
        if (isUnavailable(t)) return new StorageUnavailableException(what + ": storage unavailable (" + rootMessage(t) + ")", t);
        return t instanceof RuntimeException r ? r : new IllegalStateException(what, t);
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }
}
