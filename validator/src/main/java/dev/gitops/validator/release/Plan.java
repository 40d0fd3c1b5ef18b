package dev.gitops.validator.release;

import java.util.List;

/**
 * A change a release command wants to make.
 *
 * @param title one line for the reviewer, e.g. {@code shift: odd 10 -> 25, even 90 -> 75}
 * @param edits the values to set
 * @param notes anything else the user should know (printed after the change)
 */
public record Plan(String title, TreeEdits edits, List<String> notes) {

    public Plan {
        notes = List.copyOf(notes);
    }
}
