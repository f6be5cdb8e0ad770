package org.smtpeter.inlining.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class InlineStyleTest {

    @Test
    void readsDeclarationsWithImportantAndCase() {
        assertEquals(List.of(
                        new Declaration("color", "red", false),
                        new Declaration("margin", "0 auto", true),
                        new Declaration("--Brand", "#fff", false)),
                InlineStyle.parse("COLOR: red; margin : 0 auto ! IMPORTANT ;--Brand:#fff"));
    }

    @Test
    void keepsSeparatorsInsideStringsAndParentheses() {
        assertEquals(List.of(
                        new Declaration("background", "url('a;b.png')", false),
                        new Declaration("font-family", "\"x;y\"", false),
                        new Declaration("width", "calc(100% - 2px)", false)),
                InlineStyle.parse("background:url('a;b.png');font-family:\"x;y\";width:calc(100% - 2px)"));
    }

    @Test
    void keepsUnreadablePiecesRaw() {
        assertEquals(List.of(Declaration.raw("garbage"), new Declaration("color", "red", false), Declaration.raw("x:")),
                InlineStyle.parse("garbage;; color: red; x:"));
    }

    @Test
    void writesOneLine() {
        assertEquals("color: red; margin: 0 !important; odd;",
                InlineStyle.write(List.of(new Declaration("color", "red", false),
                        new Declaration("margin", "0", true), Declaration.raw("odd"))));
    }
}
