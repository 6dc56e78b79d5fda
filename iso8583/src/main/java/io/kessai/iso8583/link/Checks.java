package io.kessai.iso8583.link;

/** Argument checks that name the setting, so a bad configuration says which value to fix. */
final class Checks {
    private Checks() {}

    static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
