package vae.core.table;

import java.util.List;

/** Pieces of the one-line messages of this package. */
final class TableErrors {
    private static final int SHOWN = 10;

    private TableErrors() {
    }

    /** "[a, b, c]", or the first ten and "... (n in all)". */
    static String list(List<String> names) {
        if (names.size() <= SHOWN) {
            return "[" + String.join(", ", names.stream().map(TableErrors::quoteIfNeeded).toList()) + "]";
        }
        return "[" + String.join(", ", names.subList(0, SHOWN).stream().map(TableErrors::quoteIfNeeded).toList())
                + ", ... (" + names.size() + " in all)]";
    }

    private static String quoteIfNeeded(String s) {
        return s.isEmpty() || s.contains(",") || !s.strip().equals(s) ? "'" + s + "'" : s;
    }

    /** A value as shown in a message: quoted, shortened, on one line. */
    static String value(String s) {
        String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        return "'" + TableSchema.oneLine(shown) + "'";
    }
}
