package org.dlab.engine.model;

import java.util.Locale;

/** Vensim's identity of names: case-insensitive, spaces and underscores alike, runs folded. */
public final class Names {
    private Names() {}

    public static String key(String name) {
        String s = name.strip();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') s = s.substring(1, s.length() - 1);
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '_' || c == '\t' || c == '\n' || c == '\r') {
                space = b.length() > 0;
            } else {
                if (space) b.append(' ');
                space = false;
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
