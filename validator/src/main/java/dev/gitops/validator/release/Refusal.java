package dev.gitops.validator.release;

/** A release command will not make its change; the message says why and what to do instead. */
public final class Refusal extends Exception {

    public Refusal(String message) {
        super(message);
    }
}
