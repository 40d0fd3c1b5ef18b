package dev.gitops.validator.domain.cost;

/** A price file, an assumptions file or the tree cannot give the cost model what it needs. */
public final class CostInputException extends Exception {

    public CostInputException(String message) {
        super(message);
    }
}
