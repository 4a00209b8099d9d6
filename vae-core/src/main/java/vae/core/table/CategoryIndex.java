package vae.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distinct values of one column, numbered in the order they were added. Values that read as numbers
 * are keyed by their float value ({@code 1}, {@code 1.0} and {@code 01} are one category, named as first
 * seen); other values by their text.
 */
final class CategoryIndex {
    private int[] keys = new int[8];
    private int[] codes = filled(8);
    private int numbers;
    private final Map<String, Integer> byText = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** The key of a number: its float bits, with -0 read as 0. */
    static int keyOf(float number) {
        return Float.floatToIntBits(number + 0.0f);
    }

    int size() {
        return names.size();
    }

    List<String> names() {
        return names;
    }

    /** The code of a number, or -1. */
    int codeOfNumber(float number) {
        int key = keyOf(number);
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (codes[i] < 0) {
                return -1;
            }
            if (keys[i] == key) {
                return codes[i];
            }
        }
    }

    /** The code of a text that is not a number, or -1. */
    int codeOfText(String text) {
        Integer code = byText.get(text);
        return code == null ? -1 : code;
    }

    /** The code of a value named as in a file or schema, or -1. */
    int codeOf(String value) {
        float number = DecimalParser.parseFloat(value);
        return number == number ? codeOfNumber(number) : codeOfText(value);
    }

    /** Adds a number not yet present, named {@code name}; returns its code. */
    int addNumber(float number, String name) {
        if ((numbers + 1) * 2 > keys.length) {
            grow();
        }
        int code = names.size();
        put(keyOf(number), code);
        numbers++;
        names.add(name);
        return code;
    }

    /** Adds a text that is not a number and not yet present; returns its code. */
    int addText(String text) {
        int code = names.size();
        byText.put(text, code);
        names.add(text);
        return code;
    }

    /** Adds a value named as in a file or schema, not yet present; returns its code. */
    int add(String value) {
        float number = DecimalParser.parseFloat(value);
        return number == number ? addNumber(number, value) : addText(value);
    }

    private void put(int key, int code) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (codes[i] >= 0) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        codes[i] = code;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldCodes = codes;
        keys = new int[oldKeys.length * 2];
        codes = filled(oldKeys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldCodes[i] >= 0) {
                put(oldKeys[i], oldCodes[i]);
            }
        }
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
