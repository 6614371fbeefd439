package org.dlab.engine.vensim;

import java.util.Arrays;
import org.dlab.engine.ir.Pos;

/** A model file's text with the mapping from character offsets to line and column. */
final class SourceText {
    final String file;
    final String text;
    private final int[] lineStarts;

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
        int n = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
        lineStarts = new int[n];
        int k = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') lineStarts[k++] = i + 1;
    }

    Pos pos(int offset) {
        int i = Arrays.binarySearch(lineStarts, offset);
        int line = i >= 0 ? i : -i - 2;
        return new Pos(file, line + 1, offset - lineStarts[line] + 1);
    }
}
