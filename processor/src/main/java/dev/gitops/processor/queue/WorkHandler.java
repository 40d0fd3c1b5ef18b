package dev.gitops.processor.queue;

/**
 * Receives deliveries from a queue. Called on the client's dispatch thread: a handler hands the work on and
 * returns quickly; it settles each delivery exactly once, from any thread.
 */
@FunctionalInterface
public interface WorkHandler {
    void handle(WorkDelivery delivery);
}
