package vae.core.table;

import java.util.Comparator;

/**
 * The order of a column's categories: values that read as numbers first, by value (then by text), then
 * the other values by text ({@link String#compareTo}). So {@code 9} comes before {@code 10}, and a binary
 * {@code 0}/{@code 1} column keeps 1 as its second value.
 */
final class CategoryOrder implements Comparator<String> {
    static final CategoryOrder INSTANCE = new CategoryOrder();

    private CategoryOrder() {
    }

    @Override
    public int compare(String a, String b) {
        double x = DecimalParser.parseDouble(a);
        double y = DecimalParser.parseDouble(b);
        boolean aNumber = x == x;
        boolean bNumber = y == y;
        if (aNumber && bNumber) {
            int byValue = Double.compare(x + 0.0, y + 0.0);
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        if (aNumber != bNumber) {
            return aNumber ? -1 : 1;
        }
        return a.compareTo(b);
    }
}
