package org.dlab.server.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dlab.engine.ir.Equation;
import org.dlab.engine.run.Model;

/**
 * The model's equations as the served simulator's lever panel and chart axes read them from
 * {@code /api/v1/studies/{id}/structure}: name, units, documentation, the group (Vensim view
 * header) it sits in and its definition as written. The published page has no server to ask, so
 * they are written into the site; the page's own code then explains levers and labels axes as it
 * does when served.
 */
final class SiteEquations {
    /** A definition longer than this is cut (the served structure cuts at the same length). */
    static final int MAX_EQUATION_CHARS = 4000;

    record Info(String name, String units, String doc, String group, String equation) {}

    private SiteEquations() {}

    static List<Info> of(Model m, Path modelFile) {
        String text = "";
        boolean vensim = modelFile != null && modelFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mdl");
        if (vensim) {
            try {
                text = Files.readString(modelFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                vensim = false; // the model loaded, so this is unlikely; the page then shows names and units only
            }
        }
        String[] lines = text.split("\n", -1);
        // the group of line i: the last ".Name" header (a line of asterisks, .Name, asterisks~) above it
        String[] groupOf = new String[lines.length + 1];
        String group = null;
        for (int i = 0; i < lines.length; i++) {
            if (vensim && i + 2 < lines.length && isStars(lines[i]) && lines[i + 1].strip().startsWith(".") && isStars(lines[i + 2])) {
                group = lines[i + 1].strip().substring(1).strip();
            }
            groupOf[i] = group;
        }
        List<Info> out = new ArrayList<>();
        for (Equation e : m.plan().model().source().equations()) {
            int line = e.pos().line();
            boolean located = vensim && line > 0 && line <= lines.length;
            String g = located ? groupOf[line - 1] : null;
            String def = located ? definition(lines, line - 1, Math.max(0, e.pos().column() - 1)) : "";
            out.add(new Info(e.name(), e.units() == null ? "" : e.units(), e.doc() == null ? "" : e.doc(), g, def));
        }
        return out;
    }

    private static boolean isStars(String line) {
        String s = line.strip();
        if (s.endsWith("~")) s = s.substring(0, s.length() - 1);
        return s.length() >= 5 && s.chars().allMatch(c -> c == '*');
    }

    /** The text from the equation's name to its units' '~' (outside quoted names), white space folded. */
    private static String definition(String[] lines, int line, int column) {
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = line; i < lines.length && b.length() <= MAX_EQUATION_CHARS; i++) {
            String l = lines[i];
            for (int k = i == line ? Math.min(column, l.length()) : 0; k < l.length(); k++) {
                char c = l.charAt(k);
                if (quoted && c == '\\' && k + 1 < l.length()) {
                    b.append(c).append(l.charAt(++k));
                    continue;
                }
                if (c == '"') quoted = !quoted;
                else if (!quoted && (c == '~' || c == '|')) return fold(b);
                b.append(c);
            }
            b.append(' ');
        }
        return fold(b);
    }

    private static String fold(StringBuilder b) {
        String s = b.toString().replaceAll("\\s+", " ").strip();
        return s.length() > MAX_EQUATION_CHARS ? s.substring(0, MAX_EQUATION_CHARS) + " …" : s;
    }
}
