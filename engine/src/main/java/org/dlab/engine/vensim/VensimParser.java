package org.dlab.engine.vensim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlab.engine.ModelException;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.ir.IntegrationMethod;
import org.dlab.engine.ir.Macro;
import org.dlab.engine.ir.ModelSource;
import org.dlab.engine.ir.Pos;
import org.dlab.engine.ir.SubscriptRange;

/**
 * Reads a Vensim {@code .mdl} file into a {@link ModelSource}: splits the text into equations at
 * {@code |}, each equation into definition, units and documentation at {@code ~}, collects
 * macros, and stops at the sketch section.
 */
public final class VensimParser {
    /** Larger files are refused: no real model comes near it, and it bounds memory. */
    public static final long MAX_FILE_BYTES = 32L << 20;

    private VensimParser() {}

    public static ModelSource parse(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Pos filePos = new Pos(file.toString(), 0, 0);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelException(filePos, "model file is " + (size >> 20) + " MB; the limit is "
                        + (MAX_FILE_BYTES >> 20) + " MB");
            }
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ModelException(filePos, "no such model file");
        } catch (IOException e) {
            throw new ModelException(filePos, "cannot read model file: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(file.toString(), decode(file.toString(), bytes), dir);
    }

    static String decode(String file, byte[] bytes) {
        int line = 1;
        int lineStart = 0;
        for (int k = 0; k < bytes.length; k++) {
            if (bytes[k] == '\n') {
                line++;
                lineStart = k + 1;
            } else if (bytes[k] == 0) {
                // point at the NUL itself: an editor then shows where the text stops being text
                throw new ModelException(new Pos(file, line, k - lineStart + 1),
                        "not a Vensim model: the file holds binary data (a NUL byte at offset " + k + ")");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    public static ModelSource parse(String fileName, String text, Path dir) {
        if (text.startsWith("\uFEFF")) text = " " + text.substring(1);
        SourceText src = new SourceText(fileName, text);
        int endOfModel = text.length();
        java.util.regex.Matcher sk = java.util.regex.Pattern.compile("\\\\+---///").matcher(text);
        int sketch = sk.find() ? sk.start() : -1;
        if (sketch >= 0) endOfModel = sketch;
        List<Equation> equations = new ArrayList<>();
        List<SubscriptRange> ranges = new ArrayList<>();
        List<Macro> macros = new ArrayList<>();
        IntegrationMethod method = methodFromSettings(text, sketch);

        int i = 0;
        // the {UTF-8} marker and other leading comments are skipped by the lexer
        Macro open = null;
        List<Equation> target = equations;
        while (i < endOfModel) {
            int start = skipSpaceAndComments(text, i, endOfModel);
            if (start >= endOfModel) break;
            if (startsWithIgnoreCase(text, start, ":MACRO:")) {
                int close = text.indexOf(')', start);
                if (close < 0 || close > endOfModel) throw new ModelException(src.pos(start), "malformed :MACRO: header");
                open = macroHeader(src, start + 7, close);
                target = new ArrayList<>();
                i = close + 1;
                continue;
            }
            if (startsWithIgnoreCase(text, start, ":END OF MACRO:")) {
                if (open == null) throw new ModelException(src.pos(start), ":END OF MACRO: without :MACRO:");
                macros.add(new Macro(open.pos(), open.name(), open.inputs(), open.outputs(), target));
                open = null;
                target = equations;
                i = start + ":END OF MACRO:".length();
                continue;
            }
            int end = chunkEnd(src, start, endOfModel);
            parseChunk(src, start, end, target, ranges);
            i = end + 1;
        }
        if (open != null) throw new ModelException(open.pos(), "macro '" + open.name() + "' has no :END OF MACRO:");
        return new ModelSource(fileName, dir, equations, ranges, macros, method);
    }

    /** Vensim keeps the integration type in the settings block after the sketch: line "15:..." */
    private static IntegrationMethod methodFromSettings(String text, int sketch) {
        if (sketch < 0) return IntegrationMethod.EULER;
        int k = text.indexOf("\n15:", sketch);
        if (k < 0) return IntegrationMethod.EULER;
        String[] f = text.substring(k + 4, Math.min(text.length(), k + 60)).split("[,\\r\\n]");
        // fields: 0,0,0,0,0,0 ... the fourth is the integration type: 0 Euler, 1 RK4 auto, 2 RK2 auto, 3 RK4, 4 RK2
        if (f.length > 3) {
            switch (f[3].trim()) {
                case "1", "3" -> { return IntegrationMethod.RK4; }
                case "2", "4" -> { return IntegrationMethod.RK2; }
                default -> { return IntegrationMethod.EULER; }
            }
        }
        return IntegrationMethod.EULER;
    }

    private static boolean startsWithIgnoreCase(String s, int at, String prefix) {
        return s.regionMatches(true, at, prefix, 0, prefix.length());
    }

    private static int skipSpaceAndComments(String s, int i, int end) {
        while (i < end) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
            } else if (c == '{') {
                int close = VensimLexer.commentEnd(s, i, end);
                i = close < 0 ? end : close + 1;
            } else {
                break;
            }
        }
        return i;
    }

    /** The index of the '|' ending the equation that starts at {@code start}. */
    private static int chunkEnd(SourceText src, int start, int end) {
        String s = src.text;
        boolean inQuote = false;
        int quoteAt = start;
        int tildes = 0;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (tildes == 0 && c == '"') {
                inQuote = !inQuote;
                quoteAt = k;
            } else if (tildes == 0 && inQuote && c == '\\' && k + 1 < end) {
                k++;
            } else if (!inQuote && c == '~') {
                // definition ~ units ~ documentation (~ a flag such as :SUPPLEMENTARY) holds at
                // most three: a fourth belongs to the next equation, so this one lacks its '|'
                if (++tildes == 4) throw new ModelException(src.pos(start), "equation is not terminated by '|' before the next one");
            } else if (!inQuote && c == '|') {
                return k;
            } else if (!inQuote && tildes == 0 && c == '{') {
                int close = VensimLexer.commentEnd(s, k, end);
                if (close >= 0) k = close;
            }
        }
        if (inQuote) throw new ModelException(src.pos(quoteAt), "unclosed quoted name");
        throw new ModelException(src.pos(start), "equation is not terminated by '|'");
    }

    private static void parseChunk(SourceText src, int start, int end, List<Equation> out, List<SubscriptRange> ranges) {
        String s = src.text;
        // find the tilde separators outside quotes
        int t1 = -1;
        int t2 = -1;
        boolean inQuote = false;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (c == '"' && t1 < 0) inQuote = !inQuote;
            else if (inQuote && c == '\\') k++;
            else if (!inQuote && c == '~') {
                if (t1 < 0) t1 = k;
                else if (t2 < 0) {
                    t2 = k;
                    break;
                }
            } else if (!inQuote && t1 < 0 && c == '{') {
                int close = VensimLexer.commentEnd(s, k, end);
                if (close >= 0) k = close;
            }
        }
        int defEnd = t1 < 0 ? end : t1;
        String head = s.substring(start, defEnd).trim();
        if (head.startsWith("*") || head.isEmpty()) return; // group header or empty
        String units = t1 < 0 ? "" : s.substring(t1 + 1, t2 < 0 ? end : t2).trim();
        String doc = t2 < 0 ? "" : s.substring(t2 + 1, end).replaceAll("\\\\\\s*\\r?\\n\\s*", " ").trim();
        List<Token> toks = VensimLexer.tokenize(src, start, defEnd);
        EquationParser.Parsed parsed = new EquationParser(src, toks).parseDefinition();
        if (parsed == null) return;
        if (parsed instanceof EquationParser.ParsedRange r) {
            ranges.add(r.range());
        } else if (parsed instanceof EquationParser.ParsedEquation e) {
            out.add(new Equation(e.pos(), e.name(), e.subs(), e.except(), e.def(), units, doc, e.subsPos()));
        }
    }

    private static Macro macroHeader(SourceText src, int start, int close) {
        String h = src.text.substring(start, close);
        int open = h.indexOf('(');
        if (open < 0) throw new ModelException(src.pos(start), "malformed :MACRO: header: expected name(arguments)");
        String name = h.substring(0, open).trim().replaceAll("\\s+", " ");
        String args = h.substring(open + 1);
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        int colon = args.indexOf(':');
        for (String a : (colon < 0 ? args : args.substring(0, colon)).split(",")) {
            if (!a.isBlank()) inputs.add(a.trim().replaceAll("\\s+", " "));
        }
        if (colon >= 0) {
            for (String a : args.substring(colon + 1).split(",")) {
                if (!a.isBlank()) outputs.add(a.trim().replaceAll("\\s+", " "));
            }
        }
        return new Macro(src.pos(start), name, inputs, outputs, List.of());
    }
}
