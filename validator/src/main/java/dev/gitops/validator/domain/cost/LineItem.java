package dev.gitops.validator.domain.cost;

/**
 * One line of a monthly bill.
 *
 * @param id stable id ({@code eks}, {@code node-pools}, {@code s3.documents.GLACIER}, ...)
 * @param title what it is, for people
 * @param monthly USD a month, as expected
 * @param ceiling USD a month at most (node pools at their limits); equal to {@code monthly} for other lines
 * @param basis how the figure was computed
 */
public record LineItem(String id, String title, double monthly, double ceiling, String basis) {

    public static LineItem of(String id, String title, double monthly, String basis) {
        return new LineItem(id, title, monthly, monthly, basis);
    }
}
