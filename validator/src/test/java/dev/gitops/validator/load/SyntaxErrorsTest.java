package dev.gitops.validator.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SyntaxErrorsTest {

    @Test
    void findsATabBeforeTheFirstCharacterOfALine() {
        String text = "a:\n\tb: 1\n  - \tc\nd: \te\n";
        assertFalse(SyntaxErrors.tabInIndentation(text, 1));
        assertTrue(SyntaxErrors.tabInIndentation(text, 2));
        assertTrue(SyntaxErrors.tabInIndentation(text, 3), "after a list dash");
        assertFalse(SyntaxErrors.tabInIndentation(text, 4), "a tab after the key is not indentation");
        assertFalse(SyntaxErrors.tabInIndentation(text, 9), "past the last line");
    }

    @Test
    void keepsTheFirstLineOfAMessage() {
        assertEquals("one", SyntaxErrors.firstLine("one\ntwo"));
        assertEquals("unknown error", SyntaxErrors.firstLine(null));
    }
}
